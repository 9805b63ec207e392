//! The Backstage catalog entities as `manifests::backstage` writes them and
//! `import::backstage` reads them: the envelope, `metadata` with its links, and the
//! `spec` of each kind Meshwright maps (Domain, Group, System, Component, API), in the
//! order keys are written. Meshwright's own annotation keys are `import::backstage`'s
//! `note` constants.
//!
//! It must not say what a key means in the model; the exporter and importer do.

use serde_json::{Map, Value};

use super::{Entry, Item, document};

document! {
    /// One entity of a catalog.
    pub struct Entity / EntityKeys {
        /// `backstage.io/v1alpha1`.
        api_version: String = "apiVersion",
        /// `Domain`, `Group`, `System`, `Component`, `API`...
        kind: String = "kind",
        /// Name, title, annotations...
        metadata: Metadata = "metadata",
        /// The kind's own fields (one of the `*Spec` documents).
        spec: Value = "spec",
    }
}

document! {
    /// An entity's `metadata`.
    pub struct Metadata / MetadataKeys {
        /// Its name, unique per kind and namespace.
        name: String = "name" [required],
        /// Its namespace (`default` without one).
        namespace: String = "namespace",
        /// Its title.
        title: String = "title",
        /// Its description.
        description: String = "description",
        /// Annotations: Meshwright's under `meshwright.dev/`, as text.
        annotations: Map<String, Value> = "annotations",
        /// Links.
        links: Vec<Entry<Link>> = "links",
        /// Tags.
        tags: Vec<Item<String>> = "tags",
    }
}

document! {
    /// One item of `metadata.links`.
    pub struct Link / LinkKeys {
        /// Its address.
        url: String = "url",
        /// Its title.
        title: String = "title",
        /// Its kind.
        kind: String = "type",
    }
}

document! {
    /// A Domain's `spec`.
    pub struct DomainSpec / DomainSpecKeys {
        /// `group:<team>`.
        owner: String = "owner",
        /// The parent domain's name.
        subdomain_of: String = "subdomainOf",
    }
}

document! {
    /// A Group's `spec`.
    pub struct GroupSpec / GroupSpecKeys {
        /// `team`.
        group_type: String = "type",
        /// Display name and address.
        profile: Profile = "profile",
        /// Child groups (none written).
        children: Value = "children",
    }
}

document! {
    /// A Group's `spec.profile`.
    pub struct Profile / ProfileKeys {
        /// The team's title.
        display_name: String = "displayName",
        /// Its address.
        email: String = "email",
    }
}

document! {
    /// A System's `spec`: a data product.
    pub struct SystemSpec / SystemSpecKeys {
        /// `group:<team>`.
        owner: String = "owner",
        /// The domain's name.
        domain: String = "domain",
        /// `data-product`.
        system_type: String = "type",
    }
}

document! {
    /// A Component's `spec`: the product's pipeline.
    pub struct ComponentSpec / ComponentSpecKeys {
        /// `data-pipeline`.
        component_type: String = "type",
        /// `production`, `experimental`, `deprecated`.
        lifecycle: String = "lifecycle",
        /// `group:<team>`.
        owner: String = "owner",
        /// The product's System.
        system: String = "system",
        /// The product's ports' APIs.
        provides_apis: Vec<Item<String>> = "providesApis",
        /// The APIs its inputs read.
        consumes_apis: Vec<Item<String>> = "consumesApis",
        /// The providers' Components.
        depends_on: Vec<Item<String>> = "dependsOn",
    }
}

document! {
    /// An API's `spec`: an output port.
    pub struct ApiSpec / ApiSpecKeys {
        /// `odcs`, or the port's type.
        api_type: String = "type",
        /// `production`, `experimental`, `deprecated`.
        lifecycle: String = "lifecycle",
        /// `group:<team>`.
        owner: String = "owner",
        /// The product's System.
        system: String = "system",
        /// A YAML summary of the port.
        definition: String = "definition",
    }
}
