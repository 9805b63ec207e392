//! The built-in demo mesh: Northwind Outfitters, a fictional online retailer of outdoor
//! clothing. It is what a new user sees first, so it is sized to fill the canvas without
//! overwhelming it and written the way a real company's architects would write it.
//!
//! This module is pure data. It must not do I/O, touch a [`crate::Store`], read the
//! clock or draw random numbers: every id is a UUID v5 of the entity's kind and slug, so
//! the demo is the same on every run and on every machine.
//!
//! The data is kept as tables of facts (people, teams, domains, source systems,
//! products, ports, dependencies) that refer to each other by slug; a small builder turns
//! them into model entities. A few governance findings are left in on purpose so the
//! checks have something to show; everything else is meant to be clean:
//!
//! - `customer-segments` and `campaign-performance` read each other (a two-product cycle);
//! - `pricing-history` is an orphan: source-aligned, and nobody reads it;
//! - `returns` has no owner team;
//! - `order-lines-enriched` and `weekly-sales-extract` still read the deprecated
//!   `product-catalog` port `items` v1 after v2 replaced it;
//! - `email-audiences` (marketing) reads `customer-profiles`' domain-only port
//!   `contact-details`;
//! - `delivery-performance` has no purpose;
//! - `ad-spend`'s public port has no contract, `shipments`' active `tracking-events`
//!   port only has a draft contract, and `support-tickets` serves personal data publicly
//!   without a classification.
//!
//! Every port with a contract describes its data (`bodies`): objects with a primary key
//! and typical columns, personal data marked where the port serves it, quality rules and
//! a server.
//!
//! The tests at the bottom pin each of these down: an edit to the tables that fixes one
//! by accident, or adds another, fails them.

mod bodies;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::model::{
    Archetype, ContractRef, DataProduct, DependencySource, Domain, InputPort, Link, Membership,
    Mesh, MeshInfo, OutputPort, Person, PortType, ProductDescription, ServiceLevel, SourceSystem,
    Status, Team, TeamType, Visibility,
};

use Archetype::{Aggregate, ConsumerAligned, SourceAligned};
use PortType::{Api, File, Stream, Table};
use Status::{Active, Deprecated, Development, Draft, Proposed};
use Visibility::{Domain as DomainOnly, Private, Public};

/// Namespace of every demo UUID. Fixed forever: changing it would give every entity of
/// the demo a new id, and positions or diffs saved against older demo files would break.
const NS: Uuid = Uuid::from_u128(0x8f2c_4b1e_6d3a_4c57_9e08_1b7f_5a2d_c3e9);

/// Mail domain of every person and team; `.example` is reserved, so nothing is ever sent.
const MAIL: &str = "northwind.example";

/// Returns the demo mesh, with every list sorted as the store would return it and no
/// canvas positions (the app lays the demo out on first open).
pub fn demo_mesh() -> Mesh {
    let mut b = Builder::new(MeshInfo {
        name: "Northwind Outfitters".into(),
        namespace: "com.northwind".into(),
        description: Some(
            "Data mesh of Northwind Outfitters, a fictional online retailer of outdoor \
             clothing and gear that sells through its own storefront in Europe and North \
             America and ships from warehouses in Leipzig and Reno. Domain teams \
             publish source-aligned products from the storefront, SAP, Salesforce, the \
             warehouse system, Google Ads, Stripe and Zendesk; aggregates and \
             consumer-aligned products build on them up to the board's scorecard. A few \
             governance findings are left in on purpose."
                .into(),
        ),
        custom_properties: Vec::new(),
        extensions: Default::default(),
    });
    for &(handle, name) in PEOPLE {
        b.person(handle, name);
    }
    for team in TEAMS {
        b.team(team);
    }
    for domain in DOMAINS {
        b.domain(domain);
    }
    for &(name, kind, description) in SOURCE_SYSTEMS {
        b.source_system(name, kind, description);
    }
    for product in PRODUCTS {
        b.product(product);
    }
    for port in PORTS {
        b.output_port(port);
    }
    for &(consumer, name, system, what) in SOURCE_READS {
        b.reads_system(consumer, name, system, what);
    }
    for &(consumer, inputs) in DEPENDENCIES {
        for &(provider, port, version, what) in inputs {
            b.reads_port(consumer, provider, port, version, what);
        }
    }
    let mut mesh = b.mesh;
    mesh.sort();
    mesh
}

// ---------------------------------------------------------------------------------------
// People and organisation
// ---------------------------------------------------------------------------------------

/// (handle, display name). The handle is the mail's local part; the username is the
/// full address, since that is what the company's SSO uses as login.
const PEOPLE: &[(&str, &str)] = &[
    ("amara.okafor", "Amara Okafor"),
    ("lukas.brandt", "Lukas Brandt"),
    ("priya.raman", "Priya Raman"),
    ("sofia.marquez", "Sofía Márquez"),
    ("daniel.kim", "Daniel Kim"),
    ("henrik.lindqvist", "Henrik Lindqvist"),
    ("mei.chen", "Mei Chen"),
    ("tomas.rivera", "Tomás Rivera"),
    ("grace.mensah", "Grace Mensah"),
    ("oliver.schmidt", "Oliver Schmidt"),
    ("aisha.rahman", "Aisha Rahman"),
    ("jonas.weber", "Jonas Weber"),
    ("fatima.haddad", "Fatima Haddad"),
    ("emily.carter", "Emily Carter"),
    ("ravi.patel", "Ravi Patel"),
    ("chloe.dubois", "Chloé Dubois"),
    ("margaret.oneill", "Margaret O'Neill"),
    ("kenji.watanabe", "Kenji Watanabe"),
    ("isabella.rossi", "Isabella Rossi"),
    ("samuel.adeyemi", "Samuel Adeyemi"),
];

struct TeamSpec {
    name: &'static str,
    title: &'static str,
    description: &'static str,
    /// Its Team Topologies type.
    team_type: TeamType,
    /// (person handle, role), in the order the team lists them.
    members: &'static [(&'static str, &'static str)],
}

const TEAMS: &[TeamSpec] = &[
    TeamSpec {
        name: "customer-data",
        team_type: TeamType::StreamAligned,
        title: "Customer Data",
        description: "Publishes who our customers are: merged accounts, consent and support \
                      history. Owns the customer domain and its privacy questions.",
        members: &[
            ("amara.okafor", "product-owner"),
            ("lukas.brandt", "data-engineer"),
            ("priya.raman", "data-engineer"),
        ],
    },
    TeamSpec {
        name: "customer-insights",
        team_type: TeamType::StreamAligned,
        title: "Customer Insights",
        description: "Analytics and data science on the customer base: the 360 view, \
                      lifetime value and churn.",
        members: &[
            ("sofia.marquez", "product-owner"),
            ("daniel.kim", "data-scientist"),
        ],
    },
    TeamSpec {
        name: "catalog-data",
        team_type: TeamType::StreamAligned,
        title: "Catalog & Merchandising Data",
        description: "Product master data, prices and the merchandisers' performance views.",
        members: &[
            ("henrik.lindqvist", "product-owner"),
            ("mei.chen", "data-engineer"),
            ("tomas.rivera", "analytics-engineer"),
        ],
    },
    TeamSpec {
        name: "checkout-data",
        team_type: TeamType::StreamAligned,
        title: "Checkout & Orders Data",
        description: "Storefront behaviour, orders and payments, and the sales tables most \
                      of the company builds on.",
        members: &[
            ("grace.mensah", "product-owner"),
            ("oliver.schmidt", "data-engineer"),
            ("aisha.rahman", "analytics-engineer"),
        ],
    },
    TeamSpec {
        name: "logistics-data",
        team_type: TeamType::StreamAligned,
        title: "Fulfilment & Logistics Data",
        description: "Stock, shipments and delivery performance for both warehouses, and the \
                      new demand forecast.",
        members: &[
            ("jonas.weber", "product-owner"),
            ("fatima.haddad", "data-engineer"),
        ],
    },
    TeamSpec {
        name: "growth-analytics",
        team_type: TeamType::ComplicatedSubsystem,
        title: "Growth Analytics",
        description: "Paid media, campaign measurement, attribution and segmentation for the \
                      marketing department.",
        members: &[
            ("emily.carter", "product-owner"),
            ("ravi.patel", "analytics-engineer"),
            ("chloe.dubois", "data-scientist"),
        ],
    },
    TeamSpec {
        name: "finance-data",
        team_type: TeamType::StreamAligned,
        title: "Finance Data",
        description: "The ledger, the company's revenue figure and margin analysis.",
        members: &[
            ("margaret.oneill", "product-owner"),
            ("kenji.watanabe", "analytics-engineer"),
        ],
    },
    TeamSpec {
        name: "bi-reporting",
        team_type: TeamType::Enabling,
        title: "BI & Reporting",
        description: "Central reporting: the board scorecard and the BI tool's semantic layer. \
                      Owns no domain; builds on everyone's products.",
        members: &[
            ("isabella.rossi", "product-owner"),
            ("samuel.adeyemi", "analytics-engineer"),
        ],
    },
];

struct DomainSpec {
    name: &'static str,
    title: &'static str,
    parent: Option<&'static str>,
    owner: &'static str,
    description: &'static str,
}

const DOMAINS: &[DomainSpec] = &[
    DomainSpec {
        name: "customer",
        title: "Customer",
        parent: None,
        owner: "customer-data",
        description: "Who our customers are and how they relate to us beyond a single order: \
                      accounts, consent, support contacts and customer-level analytics.",
    },
    DomainSpec {
        name: "catalog",
        title: "Product Catalog",
        parent: None,
        owner: "catalog-data",
        description: "The assortment: styles, SKUs, attributes, categories and prices. Master \
                      data comes from SAP; the storefront adds web content.",
    },
    DomainSpec {
        name: "orders",
        title: "Orders & Checkout",
        parent: None,
        owner: "checkout-data",
        description: "Everything from the first storefront session to a paid order and its \
                      return.",
    },
    // Fulfilment reports into the orders organisation but runs its own systems, so it
    // is a subdomain rather than a peer.
    DomainSpec {
        name: "fulfilment",
        title: "Fulfilment & Logistics",
        parent: Some("orders"),
        owner: "logistics-data",
        description: "Stock, picking, shipping and delivery from the Leipzig and Reno \
                      warehouses.",
    },
    DomainSpec {
        name: "marketing",
        title: "Marketing",
        parent: None,
        owner: "growth-analytics",
        description: "Paid media, campaigns, attribution and the audiences we address.",
    },
    DomainSpec {
        name: "finance",
        title: "Finance",
        parent: None,
        owner: "finance-data",
        description: "Revenue, the general ledger, margin and the figures the board sees.",
    },
];

/// (name, type, description) of the operational systems outside the mesh.
const SOURCE_SYSTEMS: &[(&str, &str, &str)] = &[
    (
        "shopify-storefront",
        "saas",
        "Shopify Plus storefronts (EU and US): customer accounts, carts, orders, refunds \
         and the web pixel's event stream.",
    ),
    (
        "sap-erp",
        "erp",
        "SAP S/4HANA: material master, pricing conditions, stock valuation and the general \
         ledger.",
    ),
    (
        "salesforce-crm",
        "crm",
        "Salesforce: loyalty-club and B2B accounts, contacts and consent records.",
    ),
    (
        "warehouse-wms",
        "wms",
        "Manhattan Active WM in both warehouses: stock, picks, packs, shipments and returns \
         receipts.",
    ),
    (
        "google-ads",
        "saas",
        "Google Ads: campaigns, ad groups, daily cost and conversions.",
    ),
    (
        "stripe-payments",
        "payments",
        "Stripe: charges, refunds, disputes and payouts.",
    ),
    (
        "zendesk-support",
        "saas",
        "Zendesk: support tickets and satisfaction ratings.",
    ),
];

// ---------------------------------------------------------------------------------------
// Data products
// ---------------------------------------------------------------------------------------

struct ProductSpec {
    name: &'static str,
    title: &'static str,
    domain: &'static str,
    /// `None` only for the deliberate ownerless product.
    team: Option<&'static str>,
    /// Handle of the accountable person.
    accountable: &'static str,
    version: &'static str,
    status: Status,
    archetype: Archetype,
    /// `None` only for the deliberate product without a purpose.
    purpose: Option<&'static str>,
    usage: &'static str,
    limitations: &'static str,
    tags: &'static [&'static str],
    /// Path of a dashboard under `https://bi.northwind.example/`, for products people
    /// mostly look at rather than query.
    dashboard: Option<&'static str>,
}

const PRODUCTS: &[ProductSpec] = &[
    // --- customer ---
    ProductSpec {
        name: "customer-profiles",
        title: "Customer Profiles",
        domain: "customer",
        team: Some("customer-data"),
        accountable: "amara.okafor",
        version: "2.3.0",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "One record per customer, merged from storefront accounts and Salesforce \
             contacts, with the consent flags marketing must respect. The only place where a \
             customer id is resolved to a person.",
        ),
        usage: "Join on customer_id. The profiles port serves attributes and consent; e-mail, \
                phone and postal address sit on the separate domain-only contact-details port \
                so that access to them can be granted narrowly.",
        limitations: "Guest checkouts without an account are not included. Merges run nightly, \
                      so a customer who registers today may appear twice until tomorrow.",
        tags: &["customer", "master-data", "pii", "gdpr"],
        dashboard: None,
    },
    ProductSpec {
        name: "support-tickets",
        title: "Support Tickets",
        domain: "customer",
        team: Some("customer-data"),
        accountable: "priya.raman",
        version: "1.2.0",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "Every Zendesk ticket with its customer, order, channel, reason code and \
             satisfaction rating, so that service problems can be tied to customers and \
             orders.",
        ),
        usage: "Analyse by reason_code and order_id. Ticket bodies are left out on purpose; \
                only the first 200 characters of the subject are served.",
        limitations: "Reason codes exist since March 2023; older tickets carry 'unknown'. \
                      Tickets e-mailed before the customer logged in have no customer_id.",
        tags: &["customer", "support", "pii"],
        dashboard: None,
    },
    ProductSpec {
        name: "customer-360",
        title: "Customer 360",
        domain: "customer",
        team: Some("customer-insights"),
        accountable: "sofia.marquez",
        version: "3.1.0",
        status: Active,
        archetype: Aggregate,
        purpose: Some(
            "The analysis-ready view of each customer: profile, order history, web behaviour \
             and support contacts, with derived measures such as tenure, order frequency and \
             preferred category.",
        ),
        usage: "Start here for customer-level analysis instead of joining the source products \
                yourself. The customer-lookup API serves one customer at a time to internal \
                tools of the customer domain.",
        limitations: "Rebuilt nightly at 04:00 CET, so today's orders appear tomorrow. Measures \
                      cover the last 36 months only.",
        tags: &["customer", "360", "pii", "gold"],
        dashboard: None,
    },
    ProductSpec {
        name: "customer-lifetime-value",
        title: "Customer Lifetime Value",
        domain: "customer",
        team: Some("customer-insights"),
        accountable: "daniel.kim",
        version: "1.4.0",
        status: Active,
        archetype: Aggregate,
        purpose: Some(
            "Predicted 24-month gross margin per customer (BG/NBD with Gamma-Gamma), so that \
             acquisition and retention budgets can be set per customer group rather than on \
             averages.",
        ),
        usage: "Use clv_24m and clv_band; model_version names the model that scored the row, \
                and scores are only comparable within one model version.",
        limitations: "Customers with fewer than two orders get their cohort's prior, not an \
                      individual prediction. Not for individual pricing decisions.",
        tags: &["customer", "clv", "ml"],
        dashboard: None,
    },
    ProductSpec {
        name: "churn-risk",
        title: "Churn Risk",
        domain: "customer",
        team: Some("customer-insights"),
        accountable: "daniel.kim",
        version: "0.1.0",
        status: Proposed,
        archetype: ConsumerAligned,
        purpose: Some(
            "Weekly churn probability per active customer, so that the retention team can \
             target win-back offers before customers lapse.",
        ),
        usage: "Proposed and being scoped with the retention team. The planned port serves a \
                score and the three strongest drivers per customer.",
        limitations: "Will not cover guest customers. Must not drive any decision with legal or \
                      similarly significant effect on a customer (GDPR Art. 22).",
        tags: &["customer", "churn", "ml"],
        dashboard: None,
    },
    // --- catalog ---
    ProductSpec {
        name: "product-catalog",
        title: "Product Catalog",
        domain: "catalog",
        team: Some("catalog-data"),
        accountable: "henrik.lindqvist",
        version: "2.0.1",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "Styles and SKUs with attributes, category and current list price: the SAP \
             material master joined with the storefront's web content.",
        ),
        usage: "Read items v2, keyed by sku. v2 separates style from colour and size variant \
                and uses the 2025 category tree; v1 is served until its consumers have moved.",
        limitations: "Items sold only through marketplace partners are missing. Web content \
                      lags SAP by up to a day.",
        tags: &["catalog", "master-data", "sku"],
        dashboard: None,
    },
    ProductSpec {
        name: "pricing-history",
        title: "Pricing History",
        domain: "catalog",
        team: Some("catalog-data"),
        accountable: "tomas.rivera",
        version: "1.0.0",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "Every list-price and markdown change per SKU and country from SAP pricing \
             conditions, so that price elasticity and markdown effectiveness can be analysed.",
        ),
        usage: "Rows are validity intervals (valid_from, valid_to); join on sku and country \
                with an as-of condition.",
        limitations: "Discount codes redeemed at checkout are not prices and live in orders. \
                      History starts with the SAP migration in 2021.",
        tags: &["catalog", "pricing"],
        dashboard: None,
    },
    ProductSpec {
        name: "product-performance",
        title: "Product Performance",
        domain: "catalog",
        team: Some("catalog-data"),
        accountable: "tomas.rivera",
        version: "1.6.0",
        status: Active,
        archetype: ConsumerAligned,
        purpose: Some(
            "Daily units, net revenue, sell-through and weeks of cover per SKU, for \
             merchandisers deciding on reorders and markdowns.",
        ),
        usage: "Behind the merchandising dashboard; query sku-daily for your own cuts. Revenue \
                is net of discounts and before returns.",
        limitations: "Cover is computed from the day's last warehouse snapshot, not intraday \
                      stock.",
        tags: &["catalog", "merchandising", "kpi"],
        dashboard: Some("merchandising/product-performance"),
    },
    // --- orders ---
    ProductSpec {
        name: "web-sessions",
        title: "Web Sessions",
        domain: "orders",
        team: Some("checkout-data"),
        accountable: "oliver.schmidt",
        version: "1.8.0",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "Storefront visits from the web pixel, sessionised: landing page, traffic \
             source, product views, cart actions and whether the visit converted.",
        ),
        usage: "Analyse the sessions table. The raw clickstream is private to the checkout \
                team and exists only to rebuild sessions.",
        limitations: "Visitors who decline analytics cookies are missing, roughly 30% of EU \
                      traffic. Bot filtering is heuristic.",
        tags: &["web", "clickstream", "pii"],
        dashboard: None,
    },
    ProductSpec {
        name: "orders",
        title: "Orders",
        domain: "orders",
        team: Some("checkout-data"),
        accountable: "grace.mensah",
        version: "4.2.0",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "Every storefront order as placed: header, lines, discounts, taxes and shipping \
             address. The record of what customers bought.",
        ),
        usage: "The orders table is loaded hourly and keyed by order_id; subscribe to \
                order-events for changes within seconds. Amounts are in order currency with an \
                EUR conversion at the order date.",
        limitations: "Edits made in the Shopify admin after payment arrive as events but reach \
                      the table only with the next hourly load. Wholesale orders from SAP are \
                      not included.",
        tags: &["orders", "core", "pii"],
        dashboard: None,
    },
    ProductSpec {
        name: "payments",
        title: "Payments",
        domain: "orders",
        team: Some("checkout-data"),
        accountable: "oliver.schmidt",
        version: "2.1.0",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "Payment transactions, refunds, disputes and payouts from Stripe, matched to \
             orders.",
        ),
        usage: "Transactions stay inside the orders domain because they carry billing details; \
                other domains read settlements, which is aggregated per payout and free of \
                personal data.",
        limitations: "PayPal and gift-card payments bypass Stripe and are missing until the \
                      PayPal integration ships.",
        tags: &["payments", "pci"],
        dashboard: None,
    },
    // Ownerless since the returns portal moved into the WMS: checkout and logistics each
    // consider it the other's. Grace signed it off and stays accountable meanwhile.
    ProductSpec {
        name: "returns",
        title: "Returns",
        domain: "orders",
        team: None,
        accountable: "grace.mensah",
        version: "1.1.0",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "Return requests from the storefront joined with the warehouse receipt: what \
             came back, why, in which condition, and the refund issued.",
        ),
        usage: "One row per returned order line; join on order_id and line_id.",
        limitations: "No team owns it at the moment, so fixes are best effort. Returns handed \
                      in at partner stores arrive up to a week late.",
        tags: &["orders", "returns", "pii"],
        dashboard: None,
    },
    ProductSpec {
        name: "order-lines-enriched",
        title: "Order Lines (enriched)",
        domain: "orders",
        team: Some("checkout-data"),
        accountable: "aisha.rahman",
        version: "2.2.0",
        status: Active,
        archetype: Aggregate,
        purpose: Some(
            "Order lines joined with catalog attributes, payment status and unit cost, and \
             pseudonymised, so that most sales analysis needs no personal data.",
        ),
        usage: "The workhorse of sales analytics: one row per order line with sku, category, \
                net revenue, cost and a hashed customer_key. Join customer products only \
                through customer_key.",
        limitations: "Still reads catalog items v1, so categories follow the old tree. Unit cost \
                      is SAP standard cost, not landed cost.",
        tags: &["orders", "sales", "gold"],
        dashboard: None,
    },
    ProductSpec {
        name: "checkout-funnel",
        title: "Checkout Funnel",
        domain: "orders",
        team: Some("checkout-data"),
        accountable: "aisha.rahman",
        version: "1.3.0",
        status: Active,
        archetype: ConsumerAligned,
        purpose: Some(
            "Daily funnel from visit to product view, cart, checkout and paid order by \
             device, country and traffic source, for the checkout team's experiments.",
        ),
        usage: "Read funnel-daily; experiment assignments are in experiment_id.",
        limitations: "Inherits the cookie-consent gap of web sessions, so absolute conversion \
                      rates are overstated: compare over time, not against benchmarks.",
        tags: &["checkout", "funnel", "experimentation"],
        dashboard: Some("checkout/funnel"),
    },
    // --- fulfilment ---
    ProductSpec {
        name: "inventory-levels",
        title: "Inventory Levels",
        domain: "fulfilment",
        team: Some("logistics-data"),
        accountable: "fatima.haddad",
        version: "3.0.0",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "Stock on hand, reserved and in transit per SKU and warehouse, valued at SAP \
             standard cost.",
        ),
        usage: "stock-snapshots holds end-of-day positions; stock-movements streams picks, \
                receipts and adjustments as they happen.",
        limitations: "Concession stock held by partner stores is not included.",
        tags: &["inventory", "warehouse"],
        dashboard: None,
    },
    ProductSpec {
        name: "shipments",
        title: "Shipments",
        domain: "fulfilment",
        team: Some("logistics-data"),
        accountable: "jonas.weber",
        version: "2.4.0",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "Every parcel from packing to delivery: carrier, service level, promised and \
             actual delivery date, shipping cost and destination.",
        ),
        usage: "The shipments table has one row per parcel; tracking-events streams carrier \
                scans as they arrive.",
        limitations: "DHL Express scans arrive up to six hours late. The tracking-events \
                      contract is still a draft while carrier feeds are being normalised.",
        tags: &["logistics", "shipping", "pii"],
        dashboard: None,
    },
    ProductSpec {
        name: "delivery-performance",
        title: "Delivery Performance",
        domain: "fulfilment",
        team: Some("logistics-data"),
        accountable: "jonas.weber",
        version: "1.5.0",
        status: Active,
        archetype: Aggregate,
        purpose: None,
        usage: "On-time rate, lead times and cost per parcel by carrier, service level and \
                country, daily.",
        limitations: "On time means by the date promised at checkout, not the carrier's own \
                      estimate.",
        tags: &["logistics", "delivery", "kpi"],
        dashboard: Some("logistics/delivery"),
    },
    ProductSpec {
        name: "demand-forecast",
        title: "Demand Forecast",
        domain: "fulfilment",
        team: Some("logistics-data"),
        accountable: "fatima.haddad",
        version: "0.4.0",
        status: Development,
        archetype: ConsumerAligned,
        purpose: Some(
            "Twelve-week unit forecast per SKU and warehouse for replenishment, replacing \
             the planners' spreadsheets.",
        ),
        usage: "Pilot for outerwear and footwear: weekly forecast files are published to the \
                planners' share every Monday.",
        limitations: "Planned promotions are not yet taken into account. New SKUs without \
                      history get their category's average curve.",
        tags: &["inventory", "forecasting", "ml"],
        dashboard: None,
    },
    // --- marketing ---
    ProductSpec {
        name: "ad-spend",
        title: "Ad Spend",
        domain: "marketing",
        team: Some("growth-analytics"),
        accountable: "ravi.patel",
        version: "1.2.0",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "Daily cost, impressions, clicks and platform-reported conversions per Google \
             Ads campaign and ad group.",
        ),
        usage: "Costs are in EUR at the day's ECB rate; join campaigns on campaign_id.",
        limitations: "Google Ads only; Meta and TikTok spend is still uploaded by hand to the \
                      finance share.",
        tags: &["marketing", "paid-media"],
        dashboard: None,
    },
    ProductSpec {
        name: "campaign-performance",
        title: "Campaign Performance",
        domain: "marketing",
        team: Some("growth-analytics"),
        accountable: "emily.carter",
        version: "2.0.0",
        status: Active,
        archetype: Aggregate,
        purpose: Some(
            "Spend, sessions, orders and return on ad spend per campaign and day, broken \
             down by customer segment.",
        ),
        usage: "Read campaign-daily. The segment breakdown uses yesterday's segment \
                assignment.",
        limitations: "Reads customer segments, which read this product's response rates: the \
                      loop is only broken by the daily schedule.",
        tags: &["marketing", "campaigns", "kpi"],
        dashboard: Some("marketing/campaigns"),
    },
    ProductSpec {
        name: "customer-segments",
        title: "Customer Segments",
        domain: "marketing",
        team: Some("growth-analytics"),
        accountable: "chloe.dubois",
        version: "1.7.0",
        status: Active,
        archetype: Aggregate,
        purpose: Some(
            "Puts every customer with marketing consent into one behavioural segment (such as \
             lapsed trail runners) plus audience flags, refreshed daily.",
        ),
        usage: "Read segments, keyed by customer_id. Segment rules are versioned with the \
                product and documented on its wiki page.",
        limitations: "Customers without marketing consent are left out. Rules use response \
                      rates from campaign performance, which itself reads segments.",
        tags: &["marketing", "segmentation", "pii"],
        dashboard: None,
    },
    ProductSpec {
        name: "marketing-attribution",
        title: "Marketing Attribution",
        domain: "marketing",
        team: Some("growth-analytics"),
        accountable: "ravi.patel",
        version: "1.1.0",
        status: Active,
        archetype: ConsumerAligned,
        purpose: Some(
            "Data-driven attribution of revenue to channels and campaigns along the whole \
             visit path, to shift budget between channels.",
        ),
        usage: "attributed-revenue has one row per order and touchpoint with its share of \
                revenue; sum the shares per channel.",
        limitations: "Only visits with analytics consent can be attributed; the rest is \
                      reported as unattributed rather than modelled.",
        tags: &["marketing", "attribution"],
        dashboard: Some("marketing/attribution"),
    },
    ProductSpec {
        name: "email-audiences",
        title: "E-mail Audiences",
        domain: "marketing",
        team: Some("growth-analytics"),
        accountable: "emily.carter",
        version: "0.2.0",
        status: Development,
        archetype: ConsumerAligned,
        purpose: Some(
            "Daily audience files for the e-mail service provider, one per segment, with the \
             contact details needed to send.",
        ),
        usage: "Delivered as files to the provider's SFTP drop; not meant to be queried.",
        limitations: "Reads contact details straight from customer profiles, whose port is \
                      limited to the customer domain; access is pending with customer data.",
        tags: &["marketing", "email", "pii"],
        dashboard: None,
    },
    // --- finance ---
    ProductSpec {
        name: "general-ledger",
        title: "General Ledger",
        domain: "finance",
        team: Some("finance-data"),
        accountable: "kenji.watanabe",
        version: "1.3.0",
        status: Active,
        archetype: SourceAligned,
        purpose: Some(
            "Posted journal entries from SAP FI for the retail company codes: the reference \
             every revenue and cost figure is reconciled against.",
        ),
        usage: "Filter on company_code and fiscal_period; amounts are in local and group \
                currency.",
        limitations: "Posted entries only, no parked documents. Period close takes up to five \
                      working days.",
        tags: &["finance", "ledger", "sap"],
        dashboard: None,
    },
    ProductSpec {
        name: "daily-revenue",
        title: "Daily Revenue",
        domain: "finance",
        team: Some("finance-data"),
        accountable: "margaret.oneill",
        version: "2.0.0",
        status: Active,
        archetype: Aggregate,
        purpose: Some(
            "Gross and net revenue per day, country and channel, reconciled with payments \
             and the ledger: the one revenue figure quoted inside the company.",
        ),
        usage: "Use revenue-daily for any revenue number instead of summing orders. Closed \
                months never change.",
        limitations: "The current month is preliminary until period close. Returns count on \
                      the day they are received.",
        tags: &["finance", "revenue", "gold"],
        dashboard: None,
    },
    ProductSpec {
        name: "margin-analysis",
        title: "Margin Analysis",
        domain: "finance",
        team: Some("finance-data"),
        accountable: "kenji.watanabe",
        version: "1.0.2",
        status: Active,
        archetype: ConsumerAligned,
        purpose: Some(
            "Contribution margin per SKU, category and country after discounts, product cost \
             and shipping cost, for the monthly margin review.",
        ),
        usage: "Domain-only: read margin-by-sku within finance. An aggregated view for \
                merchandising is planned.",
        limitations: "Shipping cost is allocated to lines by weight. Marketing cost is not \
                      allocated yet.",
        tags: &["finance", "margin"],
        dashboard: Some("finance/margin"),
    },
    ProductSpec {
        name: "weekly-sales-extract",
        title: "Weekly Sales Extract",
        domain: "finance",
        team: Some("finance-data"),
        accountable: "margaret.oneill",
        version: "1.9.0",
        status: Deprecated,
        archetype: ConsumerAligned,
        purpose: Some(
            "The legacy Monday CSV of last week's sales by category, once e-mailed to finance \
             leadership.",
        ),
        usage: "Do not build on it; use daily revenue. It is kept until the last Excel models \
                have moved.",
        limitations: "Uses the old category tree and ignores returns.",
        tags: &["finance", "legacy"],
        dashboard: None,
    },
    ProductSpec {
        name: "executive-kpis",
        title: "Executive KPIs",
        domain: "finance",
        team: Some("bi-reporting"),
        accountable: "isabella.rossi",
        version: "3.0.0",
        status: Active,
        archetype: ConsumerAligned,
        purpose: Some(
            "The weekly board scorecard: revenue, active customers and on-time delivery, with \
             trends against plan.",
        ),
        usage: "Served through the scorecard API to the BI tool and the leadership app; every \
                KPI carries its definition and source product.",
        limitations: "Plan figures are entered by finance each quarter. Not a source for \
                      anything below country level.",
        tags: &["kpi", "board", "reporting"],
        dashboard: Some("board/scorecard"),
    },
];

// ---------------------------------------------------------------------------------------
// Output ports
// ---------------------------------------------------------------------------------------

const FRESHNESS: &str = "freshness";
const AVAILABILITY: &str = "availability";
const LATENCY: &str = "latency";
const INTERNAL: Option<&str> = Some("internal");
const CONFIDENTIAL: Option<&str> = Some("confidential");
const RESTRICTED: Option<&str> = Some("restricted");

struct PortSpec {
    product: &'static str,
    name: &'static str,
    version: &'static str,
    port_type: PortType,
    visibility: Visibility,
    status: Status,
    /// (contract id, contract version, contract status).
    contract: Option<(&'static str, &'static str, Status)>,
    pii: bool,
    classification: Option<&'static str>,
    /// (property, value, unit).
    levels: &'static [(&'static str, f64, &'static str)],
    deprecation_date: Option<NaiveDate>,
    /// (product, port, version) consumers should move to.
    successor: Option<(&'static str, &'static str, &'static str)>,
    description: &'static str,
}

/// The common case, which each port below departs from only where it says so.
const TABLE: PortSpec = PortSpec {
    product: "",
    name: "",
    version: "1.0.0",
    port_type: Table,
    visibility: Public,
    status: Active,
    contract: None,
    pii: false,
    classification: INTERNAL,
    levels: &[(FRESHNESS, 24.0, "h")],
    deprecation_date: None,
    successor: None,
    description: "",
};

const PORTS: &[PortSpec] = &[
    // --- customer ---
    PortSpec {
        product: "customer-profiles",
        name: "profiles",
        version: "2.0.0",
        contract: Some(("customer-profiles-v2", "2.0.0", Active)),
        pii: true,
        classification: RESTRICTED,
        levels: &[(FRESHNESS, 24.0, "h"), (AVAILABILITY, 99.5, "%")],
        description: "Customer attributes, loyalty tier and consent flags, one row per \
                      customer.",
        ..TABLE
    },
    PortSpec {
        product: "customer-profiles",
        name: "contact-details",
        visibility: DomainOnly,
        contract: Some(("customer-contacts-v1", "1.0.0", Active)),
        pii: true,
        classification: RESTRICTED,
        description: "E-mail, phone and postal addresses, kept apart so access can be granted \
                      narrowly.",
        ..TABLE
    },
    // Personal data served publicly without a classification: a deliberate finding.
    PortSpec {
        product: "support-tickets",
        name: "tickets",
        contract: Some(("support-tickets-v1", "1.1.0", Active)),
        pii: true,
        classification: None,
        levels: &[(FRESHNESS, 6.0, "h")],
        description: "One row per ticket with customer, order, reason code and rating.",
        ..TABLE
    },
    PortSpec {
        product: "customer-360",
        name: "customer-360",
        version: "3.0.0",
        contract: Some(("customer-360-v3", "3.0.0", Active)),
        pii: true,
        classification: RESTRICTED,
        levels: &[(FRESHNESS, 24.0, "h"), (AVAILABILITY, 99.5, "%")],
        description: "One wide row per customer with history and derived measures.",
        ..TABLE
    },
    PortSpec {
        product: "customer-360",
        name: "customer-lookup",
        version: "v1",
        port_type: Api,
        visibility: DomainOnly,
        contract: Some(("customer-lookup-v1", "1.0.0", Active)),
        pii: true,
        classification: RESTRICTED,
        levels: &[(LATENCY, 200.0, "ms"), (AVAILABILITY, 99.9, "%")],
        description: "REST lookup of one customer by id, for the service desk and CRM tools.",
        ..TABLE
    },
    PortSpec {
        product: "customer-lifetime-value",
        name: "clv-scores",
        contract: Some(("clv-scores-v1", "1.2.0", Active)),
        pii: true,
        classification: CONFIDENTIAL,
        levels: &[(FRESHNESS, 7.0, "d")],
        description: "Weekly CLV score and band per customer, with the scoring model version.",
        ..TABLE
    },
    PortSpec {
        product: "churn-risk",
        name: "churn-scores",
        version: "0.1.0",
        visibility: DomainOnly,
        status: Proposed,
        pii: true,
        classification: CONFIDENTIAL,
        levels: &[(FRESHNESS, 7.0, "d")],
        description: "Planned: weekly churn probability and top drivers per customer.",
        ..TABLE
    },
    // --- catalog ---
    // v1 stays until its last consumers move to v2; two of them have not yet.
    PortSpec {
        product: "product-catalog",
        name: "items",
        version: "v1",
        status: Deprecated,
        contract: Some(("product-catalog-v1", "1.3.0", Deprecated)),
        deprecation_date: NaiveDate::from_ymd_opt(2026, 6, 30),
        successor: Some(("product-catalog", "items", "v2")),
        description: "SKUs with attributes in the pre-2025 category tree.",
        ..TABLE
    },
    PortSpec {
        product: "product-catalog",
        name: "items",
        version: "v2",
        contract: Some(("product-catalog-v2", "2.0.0", Active)),
        levels: &[(FRESHNESS, 24.0, "h"), (AVAILABILITY, 99.9, "%")],
        description: "Styles and variants with attributes, category and list price.",
        ..TABLE
    },
    PortSpec {
        product: "pricing-history",
        name: "price-changes",
        contract: Some(("pricing-history-v1", "1.0.0", Active)),
        description: "Price validity intervals per SKU and country.",
        ..TABLE
    },
    PortSpec {
        product: "product-performance",
        name: "sku-daily",
        contract: Some(("product-performance-v1", "1.4.0", Active)),
        description: "Units, net revenue, sell-through and cover per SKU and day.",
        ..TABLE
    },
    // --- orders ---
    PortSpec {
        product: "web-sessions",
        name: "sessions",
        contract: Some(("web-sessions-v1", "1.2.0", Active)),
        pii: true,
        classification: CONFIDENTIAL,
        levels: &[(FRESHNESS, 2.0, "h")],
        description: "One row per visit with source, landing page, views and conversion.",
        ..TABLE
    },
    PortSpec {
        product: "web-sessions",
        name: "clickstream",
        port_type: Stream,
        visibility: Private,
        pii: true,
        classification: CONFIDENTIAL,
        levels: &[(FRESHNESS, 5.0, "min")],
        description: "Raw pixel events, kept only to rebuild sessions.",
        ..TABLE
    },
    PortSpec {
        product: "orders",
        name: "orders",
        version: "4.0.0",
        contract: Some(("orders-v4", "4.1.0", Active)),
        pii: true,
        classification: CONFIDENTIAL,
        levels: &[(FRESHNESS, 1.0, "h"), (AVAILABILITY, 99.9, "%")],
        description: "Orders with lines, discounts, taxes and shipping address.",
        ..TABLE
    },
    PortSpec {
        product: "orders",
        name: "order-events",
        port_type: Stream,
        contract: Some(("order-events-v1", "1.0.0", Active)),
        pii: true,
        classification: CONFIDENTIAL,
        levels: &[(LATENCY, 500.0, "ms"), (AVAILABILITY, 99.95, "%")],
        description: "Placed, paid, edited, cancelled and refunded events per order.",
        ..TABLE
    },
    PortSpec {
        product: "payments",
        name: "transactions",
        version: "2.0.0",
        visibility: DomainOnly,
        contract: Some(("payments-v2", "2.0.0", Active)),
        pii: true,
        classification: RESTRICTED,
        levels: &[(FRESHNESS, 1.0, "h")],
        description: "Charges, refunds and disputes with billing details, per order.",
        ..TABLE
    },
    PortSpec {
        product: "payments",
        name: "settlements",
        contract: Some(("payment-settlements-v1", "1.0.0", Active)),
        classification: CONFIDENTIAL,
        description: "Payouts with fees and the orders they settle, without personal data.",
        ..TABLE
    },
    PortSpec {
        product: "returns",
        name: "returns",
        contract: Some(("returns-v1", "1.0.0", Active)),
        pii: true,
        classification: CONFIDENTIAL,
        description: "Returned order lines with reason, condition and refund.",
        ..TABLE
    },
    PortSpec {
        product: "order-lines-enriched",
        name: "order-lines",
        version: "2.0.0",
        contract: Some(("order-lines-v2", "2.2.0", Active)),
        levels: &[(FRESHNESS, 2.0, "h"), (AVAILABILITY, 99.5, "%")],
        description: "Pseudonymised order lines with sku, category, net revenue and cost.",
        ..TABLE
    },
    PortSpec {
        product: "checkout-funnel",
        name: "funnel-daily",
        contract: Some(("checkout-funnel-v1", "1.1.0", Active)),
        description: "Funnel step counts per day, device, country, source and experiment.",
        ..TABLE
    },
    // --- fulfilment ---
    PortSpec {
        product: "inventory-levels",
        name: "stock-snapshots",
        version: "3.0.0",
        contract: Some(("inventory-snapshots-v3", "3.0.0", Active)),
        levels: &[(FRESHNESS, 24.0, "h"), (AVAILABILITY, 99.5, "%")],
        description: "End-of-day stock per SKU and warehouse: on hand, reserved, in transit.",
        ..TABLE
    },
    PortSpec {
        product: "inventory-levels",
        name: "stock-movements",
        port_type: Stream,
        contract: Some(("stock-movements-v1", "1.0.0", Active)),
        levels: &[(LATENCY, 2000.0, "ms")],
        description: "Picks, receipts and adjustments as the WMS books them.",
        ..TABLE
    },
    PortSpec {
        product: "shipments",
        name: "shipments",
        version: "2.0.0",
        contract: Some(("shipments-v2", "2.0.0", Active)),
        pii: true,
        classification: CONFIDENTIAL,
        levels: &[(FRESHNESS, 4.0, "h")],
        description: "One row per parcel with carrier, dates, cost and destination.",
        ..TABLE
    },
    // In production while its contract is still a draft: a deliberate finding.
    PortSpec {
        product: "shipments",
        name: "tracking-events",
        port_type: Stream,
        contract: Some(("shipment-events-v1", "0.9.0", Draft)),
        levels: &[(FRESHNESS, 6.0, "h")],
        description: "Carrier scan events per parcel, normalised across carriers.",
        ..TABLE
    },
    PortSpec {
        product: "delivery-performance",
        name: "delivery-kpis",
        contract: Some(("delivery-performance-v1", "1.0.0", Active)),
        description: "On-time rate, lead time and cost per carrier, service and country.",
        ..TABLE
    },
    PortSpec {
        product: "demand-forecast",
        name: "forecasts",
        version: "v1",
        port_type: File,
        status: Development,
        contract: Some(("demand-forecast-v1", "0.1.0", Draft)),
        levels: &[(FRESHNESS, 7.0, "d")],
        description: "Weekly Parquet files with 12-week forecasts per SKU and warehouse.",
        ..TABLE
    },
    // --- marketing ---
    // Public and consumed, yet nobody wrote a contract: a deliberate finding.
    PortSpec {
        product: "ad-spend",
        name: "daily-spend",
        contract: None,
        description: "Cost, impressions, clicks and conversions per campaign, ad group and day.",
        ..TABLE
    },
    PortSpec {
        product: "campaign-performance",
        name: "campaign-daily",
        version: "2.0.0",
        contract: Some(("campaign-performance-v2", "2.0.0", Active)),
        description: "Spend, sessions, orders and ROAS per campaign, segment and day.",
        ..TABLE
    },
    PortSpec {
        product: "customer-segments",
        name: "segments",
        contract: Some(("customer-segments-v1", "1.3.0", Active)),
        pii: true,
        classification: CONFIDENTIAL,
        description: "Segment and audience flags per consenting customer.",
        ..TABLE
    },
    PortSpec {
        product: "marketing-attribution",
        name: "attributed-revenue",
        contract: Some(("attribution-v1", "1.0.0", Active)),
        description: "Revenue share per order and touchpoint.",
        ..TABLE
    },
    PortSpec {
        product: "email-audiences",
        name: "audience-exports",
        version: "v1",
        port_type: File,
        visibility: Private,
        status: Development,
        pii: true,
        classification: RESTRICTED,
        description: "Daily CSV files per segment for the e-mail service provider.",
        ..TABLE
    },
    // --- finance ---
    PortSpec {
        product: "general-ledger",
        name: "journal-entries",
        contract: Some(("general-ledger-v1", "1.0.0", Active)),
        classification: CONFIDENTIAL,
        description: "Posted journal entry lines per company code and fiscal period.",
        ..TABLE
    },
    PortSpec {
        product: "daily-revenue",
        name: "revenue-daily",
        version: "2.0.0",
        contract: Some(("daily-revenue-v2", "2.0.0", Active)),
        classification: CONFIDENTIAL,
        levels: &[(FRESHNESS, 24.0, "h"), (AVAILABILITY, 99.9, "%")],
        description: "Gross and net revenue per day, country and channel.",
        ..TABLE
    },
    PortSpec {
        product: "margin-analysis",
        name: "margin-by-sku",
        visibility: DomainOnly,
        contract: Some(("margin-analysis-v1", "1.0.0", Active)),
        classification: CONFIDENTIAL,
        description: "Contribution margin per SKU, country and month.",
        ..TABLE
    },
    PortSpec {
        product: "weekly-sales-extract",
        name: "sales-extract",
        port_type: File,
        status: Deprecated,
        contract: Some(("weekly-sales-extract-v1", "1.0.0", Deprecated)),
        classification: CONFIDENTIAL,
        levels: &[(FRESHNESS, 7.0, "d")],
        deprecation_date: NaiveDate::from_ymd_opt(2025, 12, 31),
        successor: Some(("daily-revenue", "revenue-daily", "2.0.0")),
        description: "Monday CSV of last week's sales by category.",
        ..TABLE
    },
    PortSpec {
        product: "executive-kpis",
        name: "scorecard",
        version: "v1",
        port_type: Api,
        contract: Some(("executive-kpis-v1", "1.0.0", Active)),
        classification: CONFIDENTIAL,
        levels: &[(LATENCY, 300.0, "ms"), (AVAILABILITY, 99.9, "%")],
        description: "KPIs with definitions, actuals and plan, per week and country.",
        ..TABLE
    },
];

// ---------------------------------------------------------------------------------------
// Dependencies
// ---------------------------------------------------------------------------------------

/// (consumer product, input port name, source system, what is read).
#[rustfmt::skip] // A table reads best one row per line; rustfmt would split every row.
const SOURCE_READS: &[(&str, &str, &str, &str)] = &[
    ("customer-profiles", "crm-contacts",       "salesforce-crm",     "Accounts and consent"),
    ("customer-profiles", "store-accounts",     "shopify-storefront", "Storefront accounts"),
    ("support-tickets",   "zendesk-tickets",    "zendesk-support",    "Tickets and ratings"),
    ("product-catalog",   "material-master",    "sap-erp",            "Materials and list prices"),
    ("product-catalog",   "web-content",        "shopify-storefront", "Product texts and images"),
    ("pricing-history",   "pricing-conditions", "sap-erp",            "Price and markdown rules"),
    ("web-sessions",      "web-pixel",          "shopify-storefront", "Web pixel events"),
    ("orders",            "store-orders",       "shopify-storefront", "Orders and order edits"),
    ("payments",          "stripe-events",      "stripe-payments",    "Charges, refunds, payouts"),
    ("returns",           "return-requests",    "shopify-storefront", "Return requests, refunds"),
    ("returns",           "return-receipts",    "warehouse-wms",      "Receipts and condition"),
    ("inventory-levels",  "wms-stock",          "warehouse-wms",      "Stock and movements"),
    ("inventory-levels",  "stock-valuation",    "sap-erp",            "Standard cost per material"),
    ("shipments",         "wms-shipments",      "warehouse-wms",      "Parcels, carriers, scans"),
    ("ad-spend",          "ads-api",            "google-ads",         "Campaign cost, conversions"),
    ("general-ledger",    "sap-fi",             "sap-erp",            "Posted journal entries"),
];

/// What one consumer reads: (provider product, port, port version, what is read). Each
/// input port is named after the provider's port, which is unique per consumer here.
type Reads = &'static [(&'static str, &'static str, &'static str, &'static str)];

#[rustfmt::skip] // A table reads best one row per line; rustfmt would split every row.
const DEPENDENCIES: &[(&str, Reads)] = &[
    ("customer-360", &[
        ("customer-profiles",       "profiles",        "2.0.0", "Attributes and consent"),
        ("orders",                  "orders",          "4.0.0", "Order history"),
        ("support-tickets",         "tickets",         "1.0.0", "Support contacts"),
        ("web-sessions",            "sessions",        "1.0.0", "Browsing behaviour"),
    ]),
    ("customer-lifetime-value", &[
        ("customer-360",            "customer-360",    "3.0.0", "Tenure and frequency"),
        ("order-lines-enriched",    "order-lines",     "2.0.0", "Margin per order"),
    ]),
    ("churn-risk", &[
        ("customer-360",            "customer-360",    "3.0.0", "Behaviour features"),
        ("support-tickets",         "tickets",         "1.0.0", "Complaint history"),
    ]),
    ("product-performance", &[
        ("product-catalog",         "items",           "v2",    "SKU attributes"),
        ("order-lines-enriched",    "order-lines",     "2.0.0", "Units and revenue"),
        ("inventory-levels",        "stock-snapshots", "3.0.0", "Stock for cover"),
    ]),
    ("order-lines-enriched", &[
        ("orders",                  "orders",          "4.0.0", "Order lines"),
        // Still on the deprecated v1: a deliberate finding.
        ("product-catalog",         "items",           "v1",    "Category and cost"),
        ("payments",                "transactions",    "2.0.0", "Payment status"),
    ]),
    ("checkout-funnel", &[
        ("web-sessions",            "sessions",        "1.0.0", "Visits and funnel steps"),
        ("orders",                  "order-events",    "1.0.0", "Paid orders"),
    ]),
    ("delivery-performance", &[
        ("shipments",               "shipments",       "2.0.0", "Parcels and cost"),
        ("shipments",               "tracking-events", "1.0.0", "Delivery scans"),
        ("orders",                  "orders",          "4.0.0", "Promised delivery dates"),
    ]),
    ("demand-forecast", &[
        ("order-lines-enriched",    "order-lines",     "2.0.0", "Sales history"),
        ("inventory-levels",        "stock-snapshots", "3.0.0", "Stock positions"),
    ]),
    ("campaign-performance", &[
        ("ad-spend",                "daily-spend",     "1.0.0", "Cost per campaign"),
        ("web-sessions",            "sessions",        "1.0.0", "Sessions and conversions"),
        // With segments reading campaign-daily below, a deliberate two-product cycle.
        ("customer-segments",       "segments",        "1.0.0", "Segment breakdown"),
    ]),
    ("customer-segments", &[
        ("customer-360",            "customer-360",    "3.0.0", "Behavioural features"),
        ("customer-lifetime-value", "clv-scores",      "1.0.0", "Value band"),
        ("campaign-performance",    "campaign-daily",  "2.0.0", "Response rates"),
    ]),
    ("marketing-attribution", &[
        ("web-sessions",            "sessions",        "1.0.0", "Touchpoint paths"),
        ("orders",                  "order-events",    "1.0.0", "Conversions"),
    ]),
    ("email-audiences", &[
        ("customer-segments",       "segments",        "1.0.0", "Who to address"),
        // A domain-only port of another domain: a deliberate finding.
        ("customer-profiles",       "contact-details", "1.0.0", "E-mail addresses"),
    ]),
    ("daily-revenue", &[
        ("orders",                  "orders",          "4.0.0", "Gross revenue"),
        ("payments",                "settlements",     "1.0.0", "Settled amounts"),
        ("returns",                 "returns",         "1.0.0", "Refunds"),
        ("general-ledger",          "journal-entries", "1.0.0", "Reconciliation"),
    ]),
    ("margin-analysis", &[
        ("order-lines-enriched",    "order-lines",     "2.0.0", "Revenue and cost"),
        ("shipments",               "shipments",       "2.0.0", "Shipping cost"),
    ]),
    ("weekly-sales-extract", &[
        ("order-lines-enriched",    "order-lines",     "2.0.0", "Weekly sales"),
        // Also still on the deprecated v1.
        ("product-catalog",         "items",           "v1",    "Old category tree"),
    ]),
    ("executive-kpis", &[
        ("daily-revenue",           "revenue-daily",   "2.0.0", "Revenue"),
        ("customer-360",            "customer-360",    "3.0.0", "Active customers"),
        ("delivery-performance",    "delivery-kpis",   "1.0.0", "On-time delivery"),
    ]),
];

// ---------------------------------------------------------------------------------------
// Builder
// ---------------------------------------------------------------------------------------

/// The id of an entity of `kind` known by `key` (its slug, or a composite for ports).
fn uuid(kind: &str, key: &str) -> Uuid {
    Uuid::new_v5(&NS, format!("{kind}:{key}").as_bytes())
}

fn username(handle: &str) -> String {
    format!("{handle}@{MAIL}")
}

fn person_id(handle: &str) -> Uuid {
    uuid("person", &username(handle))
}

fn output_port_id(product: &str, port: &str, version: &str) -> Uuid {
    uuid("output-port", &format!("{product}/{port}@{version}"))
}

fn wiki(path: &str, title: &str) -> Link {
    Link {
        url: format!("https://wiki.northwind.example/{path}"),
        title: Some(title.into()),
        kind: Some("documentation".into()),
    }
}

/// Turns the tables above into entities. References are ids derived from slugs, so the
/// order of the tables does not matter; the tests check that every reference resolves.
struct Builder {
    mesh: Mesh,
}

impl Builder {
    fn new(info: MeshInfo) -> Self {
        Builder {
            mesh: Mesh::empty(info),
        }
    }

    fn person(&mut self, handle: &str, display_name: &str) {
        self.mesh.people.push(Person {
            id: person_id(handle),
            username: username(handle),
            display_name: display_name.into(),
            // The username already is the address; the model keeps `email` for when it is not.
            email: None,
        });
    }

    fn team(&mut self, t: &TeamSpec) {
        self.mesh.teams.push(Team {
            id: uuid("team", t.name),
            name: t.name.into(),
            title: t.title.into(),
            description: Some(t.description.into()),
            email: Some(format!("{}@{MAIL}", t.name)),
            team_type: Some(t.team_type),
            members: t
                .members
                .iter()
                .map(|&(handle, role)| Membership {
                    person_id: person_id(handle),
                    role: role.into(),
                })
                .collect(),
            custom_properties: Vec::new(),
            extensions: Default::default(),
        });
    }

    fn domain(&mut self, d: &DomainSpec) {
        self.mesh.domains.push(Domain {
            id: uuid("domain", d.name),
            name: d.name.into(),
            title: d.title.into(),
            description: Some(d.description.into()),
            parent_id: d.parent.map(|p| uuid("domain", p)),
            repo_folder: None,
            owner_team_id: Some(uuid("team", d.owner)),
            links: vec![wiki(&format!("domains/{}", d.name), "Domain handbook")],
            custom_properties: Vec::new(),
            extensions: Default::default(),
        });
    }

    fn source_system(&mut self, name: &str, system_type: &str, description: &str) {
        self.mesh.source_systems.push(SourceSystem {
            id: uuid("source-system", name),
            name: name.into(),
            description: Some(description.into()),
            system_type: Some(system_type.into()),
            custom_properties: Vec::new(),
            extensions: Default::default(),
        });
    }

    fn product(&mut self, p: &ProductSpec) {
        // Every product has a wiki page; the platform's product template creates one.
        let mut links = vec![wiki(&format!("data-products/{}", p.name), "Product page")];
        if let Some(path) = p.dashboard {
            links.push(Link {
                url: format!("https://bi.northwind.example/{path}"),
                title: Some("Dashboard".into()),
                kind: Some("dashboard".into()),
            });
        }
        self.mesh.products.push(DataProduct {
            id: uuid("product", p.name),
            name: p.name.into(),
            display_name: p.title.into(),
            version: p.version.into(),
            description: ProductDescription {
                purpose: p.purpose.map(Into::into),
                usage: Some(p.usage.into()),
                limitations: Some(p.limitations.into()),
            },
            domain_id: uuid("domain", p.domain),
            owner_team_id: p.team.map(|t| uuid("team", t)),
            accountable_person_id: Some(person_id(p.accountable)),
            status: p.status,
            archetype: Some(p.archetype),
            tags: p.tags.iter().map(|&t| t.into()).collect(),
            links,
            custom_properties: Vec::new(),
            extensions: Default::default(),
        });
    }

    fn output_port(&mut self, p: &PortSpec) {
        self.mesh.output_ports.push(OutputPort {
            id: output_port_id(p.product, p.name, p.version),
            product_id: uuid("product", p.product),
            name: p.name.into(),
            version: p.version.into(),
            port_type: p.port_type,
            description: Some(p.description.into()),
            visibility: p.visibility,
            status: p.status,
            contract: p.contract.map(|(id, version, status)| ContractRef {
                contract_id: id.into(),
                version: Some(version.into()),
                status: Some(status),
            }),
            contains_pii: p.pii,
            classification: p.classification.map(Into::into),
            service_levels: p
                .levels
                .iter()
                .map(|&(property, value, unit)| ServiceLevel {
                    property: property.into(),
                    value,
                    unit: Some(unit.into()),
                    description: None,
                })
                .collect(),
            contract_body: p
                .contract
                .map(|(id, _, _)| bodies::body(id, p.product, p.name, p.port_type))
                .unwrap_or_default(),
            deprecation_date: p.deprecation_date,
            successor_port_id: p.successor.map(|(pr, port, v)| output_port_id(pr, port, v)),
            custom_properties: Vec::new(),
            extensions: Default::default(),
        });
    }

    fn input_port(&mut self, consumer: &str, name: &str, what: &str, source: DependencySource) {
        self.mesh.input_ports.push(InputPort {
            id: uuid("input-port", &format!("{consumer}/{name}")),
            product_id: uuid("product", consumer),
            name: name.into(),
            description: Some(what.into()),
            source,
            custom_properties: Vec::new(),
            extensions: Default::default(),
        });
    }

    fn reads_system(&mut self, consumer: &str, name: &str, system: &str, what: &str) {
        let source_system_id = uuid("source-system", system);
        self.input_port(
            consumer,
            name,
            what,
            DependencySource::SourceSystem { source_system_id },
        );
    }

    fn reads_port(
        &mut self,
        consumer: &str,
        provider: &str,
        port: &str,
        version: &str,
        what: &str,
    ) {
        let port_id = output_port_id(provider, port, version);
        self.input_port(
            consumer,
            port,
            what,
            DependencySource::OutputPort { port_id },
        );
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashMap, HashSet};

    use super::*;
    use crate::validate;

    /// Product-to-product edges as (consumer, provider port) pairs.
    fn port_reads(mesh: &Mesh) -> Vec<(&InputPort, &OutputPort)> {
        let ports: HashMap<Uuid, &OutputPort> =
            mesh.output_ports.iter().map(|p| (p.id, p)).collect();
        mesh.input_ports
            .iter()
            .filter_map(|ip| match ip.source {
                DependencySource::OutputPort { port_id } => ports.get(&port_id).map(|p| (ip, *p)),
                DependencySource::SourceSystem { .. } | DependencySource::Unresolved { .. } => None,
            })
            .collect()
    }

    fn product_name(mesh: &Mesh, id: Uuid) -> &str {
        mesh.products
            .iter()
            .find(|p| p.id == id)
            .map_or("?", |p| p.name.as_str())
    }

    /// Consumer name -> names of the products it reads.
    fn graph(mesh: &Mesh) -> HashMap<&str, BTreeSet<&str>> {
        let mut g: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        for (ip, port) in port_reads(mesh) {
            g.entry(product_name(mesh, ip.product_id))
                .or_default()
                .insert(product_name(mesh, port.product_id));
        }
        g
    }

    fn sorted<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
        let mut v: Vec<&str> = items.into_iter().collect();
        v.sort_unstable();
        v
    }

    #[test]
    fn demo_has_the_advertised_size() {
        let mesh = demo_mesh();
        assert_eq!(mesh.domains.len(), 6);
        assert_eq!(mesh.teams.len(), 8);
        assert_eq!(mesh.people.len(), 20);
        assert!(
            (20..=30).contains(&mesh.products.len()),
            "{} products",
            mesh.products.len()
        );
        let deps = port_reads(&mesh).len();
        assert_eq!(
            deps,
            mesh.input_ports
                .iter()
                .filter(|ip| matches!(ip.source, DependencySource::OutputPort { .. }))
                .count(),
            "every port dependency resolves"
        );
        assert!(
            (35..=45).contains(&deps),
            "{deps} product-to-product dependencies"
        );
        assert!(mesh.source_systems.len() >= 5);
        assert!(mesh.positions.is_empty());
        assert_eq!(
            mesh.domains
                .iter()
                .filter(|d| d.parent_id.is_some())
                .count(),
            1
        );
        for t in &mesh.teams {
            assert!((2..=4).contains(&t.members.len()), "team {} size", t.name);
        }
        for p in &mesh.products {
            let n = mesh
                .output_ports
                .iter()
                .filter(|o| o.product_id == p.id)
                .count();
            assert!((1..=2).contains(&n), "{} has {n} output ports", p.name);
        }
    }

    #[test]
    fn demo_entities_pass_validation() -> crate::Result<()> {
        let mesh = demo_mesh();
        validate::mesh(&mesh)
    }

    #[test]
    fn demo_references_resolve() {
        let mesh = demo_mesh();
        let people: HashSet<Uuid> = mesh.people.iter().map(|p| p.id).collect();
        let teams: HashSet<Uuid> = mesh.teams.iter().map(|t| t.id).collect();
        let domains: HashSet<Uuid> = mesh.domains.iter().map(|d| d.id).collect();
        let systems: HashSet<Uuid> = mesh.source_systems.iter().map(|s| s.id).collect();
        let products: HashSet<Uuid> = mesh.products.iter().map(|p| p.id).collect();
        let ports: HashSet<Uuid> = mesh.output_ports.iter().map(|p| p.id).collect();

        for t in &mesh.teams {
            for m in &t.members {
                assert!(people.contains(&m.person_id), "member of {}", t.name);
            }
        }
        for d in &mesh.domains {
            assert!(
                d.parent_id.is_none_or(|id| domains.contains(&id)),
                "parent of {}",
                d.name
            );
            assert!(
                d.owner_team_id.is_some_and(|id| teams.contains(&id)),
                "owner of {}",
                d.name
            );
        }
        for p in &mesh.products {
            assert!(domains.contains(&p.domain_id), "domain of {}", p.name);
            assert!(
                p.owner_team_id.is_none_or(|id| teams.contains(&id)),
                "team of {}",
                p.name
            );
            assert!(
                p.accountable_person_id
                    .is_some_and(|id| people.contains(&id)),
                "accountable person of {}",
                p.name
            );
        }
        for o in &mesh.output_ports {
            assert!(
                products.contains(&o.product_id),
                "product of port {}",
                o.name
            );
            assert!(
                o.successor_port_id
                    .is_none_or(|id| ports.contains(&id) && id != o.id),
                "successor of {}",
                o.name
            );
        }
        let port_owner: HashMap<Uuid, Uuid> = mesh
            .output_ports
            .iter()
            .map(|o| (o.id, o.product_id))
            .collect();
        for ip in &mesh.input_ports {
            assert!(
                products.contains(&ip.product_id),
                "product of input {}",
                ip.name
            );
            match &ip.source {
                DependencySource::OutputPort { port_id } => {
                    let provider = port_owner.get(port_id);
                    assert!(provider.is_some(), "provider of input {}", ip.name);
                    assert_ne!(
                        provider,
                        Some(&ip.product_id),
                        "self-dependency {}",
                        ip.name
                    );
                }
                DependencySource::SourceSystem { source_system_id } => {
                    assert!(
                        systems.contains(source_system_id),
                        "system of input {}",
                        ip.name
                    );
                }
                DependencySource::Unresolved { reference } => {
                    panic!("the demo leaves nothing unresolved ({reference})")
                }
            }
        }
        // Every source system feeds something, or it would not be in the demo.
        for s in &mesh.source_systems {
            assert!(
                mesh.input_ports.iter().any(|ip| ip.source
                    == DependencySource::SourceSystem {
                        source_system_id: s.id
                    }),
                "{} is read by nobody",
                s.name
            );
        }
    }

    #[test]
    fn demo_names_and_ids_are_unique() {
        let mesh = demo_mesh();
        fn unique<T: std::hash::Hash + Eq + std::fmt::Debug>(what: &str, items: Vec<T>) {
            let mut seen = HashSet::new();
            for i in items {
                let msg = format!("duplicate {what} {i:?}");
                assert!(seen.insert(i), "{msg}");
            }
        }
        unique(
            "username",
            mesh.people.iter().map(|p| &p.username).collect(),
        );
        unique("team", mesh.teams.iter().map(|t| &t.name).collect());
        unique("domain", mesh.domains.iter().map(|d| &d.name).collect());
        unique(
            "system",
            mesh.source_systems.iter().map(|s| &s.name).collect(),
        );
        unique("product", mesh.products.iter().map(|p| &p.name).collect());
        unique(
            "output port",
            mesh.output_ports
                .iter()
                .map(|o| (o.product_id, &o.name, &o.version))
                .collect(),
        );
        unique(
            "input port",
            mesh.input_ports
                .iter()
                .map(|i| (i.product_id, &i.name))
                .collect(),
        );
        unique(
            "dependency",
            mesh.input_ports
                .iter()
                .filter(|i| matches!(i.source, DependencySource::OutputPort { .. }))
                .map(|i| (i.product_id, i.source.clone()))
                .collect(),
        );
        let ids = mesh
            .people
            .iter()
            .map(|e| e.id)
            .chain(mesh.teams.iter().map(|e| e.id))
            .chain(mesh.domains.iter().map(|e| e.id))
            .chain(mesh.source_systems.iter().map(|e| e.id))
            .chain(mesh.products.iter().map(|e| e.id))
            .chain(mesh.output_ports.iter().map(|e| e.id))
            .chain(mesh.input_ports.iter().map(|e| e.id))
            .collect();
        unique("id", ids);
    }

    #[test]
    fn demo_is_deterministic_and_sorted() {
        let mesh = demo_mesh();
        assert_eq!(mesh, demo_mesh());
        let mut resorted = mesh.clone();
        resorted.sort();
        assert_eq!(mesh, resorted);
        // Ids are part of the file format's identity: pin one so a changed namespace or
        // key scheme cannot slip through.
        let orders = mesh.product_by_name("orders").map(|p| p.id);
        assert_eq!(orders, Some(Uuid::new_v5(&NS, b"product:orders")));
    }

    #[test]
    fn demo_has_exactly_one_ownerless_product() {
        let mesh = demo_mesh();
        let ownerless = mesh.products.iter().filter(|p| p.owner_team_id.is_none());
        assert_eq!(sorted(ownerless.map(|p| p.name.as_str())), ["returns"]);
    }

    #[test]
    fn demo_has_exactly_one_two_product_cycle() {
        let mesh = demo_mesh();
        let g = graph(&mesh);
        // A product is on a cycle when a depth-first walk from it comes back to it.
        let on_cycle = |start: &str| {
            let mut stack: Vec<&str> = g.get(start).into_iter().flatten().copied().collect();
            let mut seen = HashSet::new();
            while let Some(n) = stack.pop() {
                if n == start {
                    return true;
                }
                if seen.insert(n) {
                    stack.extend(g.get(n).into_iter().flatten().copied());
                }
            }
            false
        };
        let cyclic = sorted(
            mesh.products
                .iter()
                .map(|p| p.name.as_str())
                .filter(|n| on_cycle(n)),
        );
        assert_eq!(cyclic, ["campaign-performance", "customer-segments"]);
        let reads = |a: &str, b: &str| g.get(a).is_some_and(|s| s.contains(b));
        assert!(reads("campaign-performance", "customer-segments"));
        assert!(reads("customer-segments", "campaign-performance"));
    }

    #[test]
    fn demo_has_exactly_one_orphan() {
        let mesh = demo_mesh();
        let read: HashSet<Uuid> = port_reads(&mesh)
            .iter()
            .map(|(_, o)| o.product_id)
            .collect();
        let orphans = mesh
            .products
            .iter()
            .filter(|p| !read.contains(&p.id) && p.archetype != Some(Archetype::ConsumerAligned));
        assert_eq!(
            sorted(orphans.map(|p| p.name.as_str())),
            ["pricing-history"]
        );
    }

    #[test]
    fn demo_deprecated_port_is_still_consumed() {
        let mesh = demo_mesh();
        let reads = port_reads(&mesh);
        let deprecated: Vec<&OutputPort> = mesh
            .output_ports
            .iter()
            .filter(|o| o.status == Status::Deprecated)
            .collect();
        assert!(deprecated.iter().all(|o| o.deprecation_date.is_some()));
        assert!(deprecated.iter().all(|o| o.successor_port_id.is_some()));
        let items_v1 = deprecated
            .iter()
            .find(|o| product_name(&mesh, o.product_id) == "product-catalog")
            .copied();
        let Some(items_v1) = items_v1 else {
            panic!("product-catalog items v1 is not deprecated")
        };
        let successor = mesh
            .output_ports
            .iter()
            .find(|o| Some(o.id) == items_v1.successor_port_id);
        assert!(
            successor.is_some_and(|s| s.product_id == items_v1.product_id
                && s.name == items_v1.name
                && s.version == "v2"
                && s.status == Status::Active),
            "items v1 points at items v2"
        );
        let consumers = reads
            .iter()
            .filter(|(_, o)| o.id == items_v1.id)
            .map(|(ip, _)| product_name(&mesh, ip.product_id));
        assert_eq!(
            sorted(consumers),
            ["order-lines-enriched", "weekly-sales-extract"]
        );
        // The product's status follows the lifecycle too: exactly one is deprecated.
        let deprecated_products = mesh
            .products
            .iter()
            .filter(|p| p.status == Status::Deprecated);
        assert_eq!(
            sorted(deprecated_products.map(|p| p.name.as_str())),
            ["weekly-sales-extract"]
        );
    }

    #[test]
    fn demo_has_exactly_one_restricted_port_read_across_domains() {
        let mesh = demo_mesh();
        let products = mesh.product_index();
        let breaches = port_reads(&mesh)
            .into_iter()
            .filter(|(ip, o)| {
                let (Some(consumer), Some(provider)) =
                    (products.get(&ip.product_id), products.get(&o.product_id))
                else {
                    return true;
                };
                match o.visibility {
                    Visibility::Public => false,
                    Visibility::Domain => consumer.domain_id != provider.domain_id,
                    Visibility::Private => consumer.owner_team_id != provider.owner_team_id,
                }
            })
            .map(|(ip, o)| (product_name(&mesh, ip.product_id), o.name.as_str()))
            .collect::<Vec<_>>();
        assert_eq!(breaches, [("email-audiences", "contact-details")]);
    }

    #[test]
    fn demo_has_exactly_one_product_without_purpose() {
        let mesh = demo_mesh();
        let missing = mesh
            .products
            .iter()
            .filter(|p| p.description.purpose.is_none());
        assert_eq!(
            sorted(missing.map(|p| p.name.as_str())),
            ["delivery-performance"]
        );
        assert!(mesh.products.iter().all(|p| p.description.usage.is_some()));
    }

    #[test]
    fn demo_port_findings_are_the_intended_ones() {
        let mesh = demo_mesh();
        let label = |o: &OutputPort| format!("{}/{}", product_name(&mesh, o.product_id), o.name);
        let public = || {
            mesh.output_ports
                .iter()
                .filter(|o| o.visibility == Visibility::Public)
        };

        let uncontracted: Vec<String> = public()
            .filter(|o| o.contract.is_none())
            .map(label)
            .collect();
        assert_eq!(uncontracted, ["ad-spend/daily-spend"]);

        let draft_in_production: Vec<String> = mesh
            .output_ports
            .iter()
            .filter(|o| o.status == Status::Active)
            .filter(|o| {
                o.contract
                    .as_ref()
                    .is_some_and(|c| c.status != Some(Status::Active))
            })
            .map(label)
            .collect();
        assert_eq!(draft_in_production, ["shipments/tracking-events"]);

        let pii_unclassified: Vec<String> = mesh
            .output_ports
            .iter()
            .filter(|o| o.contains_pii && o.classification.is_none())
            .map(label)
            .collect();
        assert_eq!(pii_unclassified, ["support-tickets/tickets"]);
        assert!(
            mesh.output_ports
                .iter()
                .filter(|o| o.contains_pii)
                .filter_map(|o| o.classification.as_deref())
                .all(|c| c == "confidential" || c == "restricted"),
            "personal data is confidential or restricted"
        );
    }

    #[test]
    fn every_contract_describes_its_data() {
        let mesh = demo_mesh();
        for port in mesh.output_ports.iter().filter(|p| p.contract.is_some()) {
            let name = &port.name;
            let body = &port.contract_body;
            validate::contract_body(body).unwrap();
            assert!(!body.schema.is_empty(), "{name} has a schema");
            assert_eq!(body.servers.len(), 1, "{name} has a server");
            for object in &body.schema {
                assert!(
                    object.properties.len() >= 4,
                    "{name}.{}: typical columns",
                    object.name
                );
                assert!(
                    object
                        .properties
                        .iter()
                        .any(|p| p.primary_key == Some(true)),
                    "{name}.{} has a primary key",
                    object.name
                );
                assert!(
                    !object.quality.is_empty(),
                    "{name}.{} has a rule",
                    object.name
                );
            }
            let personal = body
                .schema
                .iter()
                .flat_map(|o| &o.properties)
                .any(|p| p.personal_data);
            assert_eq!(
                personal, port.contains_pii,
                "{name}: personal columns where the port serves personal data"
            );
        }
        let without = mesh
            .output_ports
            .iter()
            .filter(|p| p.contract.is_none() && !p.contract_body.is_empty())
            .count();
        assert_eq!(without, 0, "a port without a contract has no body");
    }
}
