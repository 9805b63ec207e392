//! Word lists for the synthetic mesh: regions and segments, business areas with their
//! entities, archetype suffixes, people's names, roles and source systems.
//!
//! Data only. It must not hold logic, touch I/O or the store. Slugs are kept short
//! (prefix <= 10, area <= 16, entity <= 16, suffix <= 11 characters) so that
//! `<domain>-<entity>-<suffix>` product names fit `validate::MAX_NAME` without cutting.

use crate::model::PortType;

/// A region or customer segment that prefixes a domain name.
pub(super) struct Prefix {
    /// Slug word.
    pub slug: &'static str,
    /// Display word.
    pub title: &'static str,
    /// Who or where it covers, for descriptions.
    pub covers: &'static str,
}

/// A business area: the second half of a domain name, with the entities it deals in.
pub(super) struct Area {
    /// Slug word.
    pub slug: &'static str,
    /// Display word.
    pub title: &'static str,
    /// What the area is about, for descriptions.
    pub about: &'static str,
    /// Entity slugs its products are about.
    pub entities: &'static [&'static str],
}

/// A product-name suffix typical of one archetype.
pub(super) struct Suffix {
    /// Slug word.
    pub slug: &'static str,
    /// Display word.
    pub title: &'static str,
    /// How the product shapes its data, for purposes ("as daily aggregates").
    pub shape: &'static str,
}

/// An operational system outside the mesh.
pub(super) struct System {
    /// Slug word.
    pub slug: &'static str,
    /// Kind of system (`SourceSystem::system_type`).
    pub kind: &'static str,
    /// What it is.
    pub about: &'static str,
}

const fn prefix(slug: &'static str, title: &'static str, covers: &'static str) -> Prefix {
    Prefix {
        slug,
        title,
        covers,
    }
}

const fn area(
    slug: &'static str,
    title: &'static str,
    about: &'static str,
    entities: &'static [&'static str],
) -> Area {
    Area {
        slug,
        title,
        about,
        entities,
    }
}

const fn suffix(slug: &'static str, title: &'static str, shape: &'static str) -> Suffix {
    Suffix { slug, title, shape }
}

const fn system(slug: &'static str, kind: &'static str, about: &'static str) -> System {
    System { slug, kind, about }
}

pub(super) const PREFIXES: &[Prefix] = &[
    prefix("emea", "EMEA", "the Europe, Middle East and Africa region"),
    prefix("amer", "AMER", "the Americas region"),
    prefix("apac", "APAC", "the Asia-Pacific region"),
    prefix("latam", "LATAM", "Latin America"),
    prefix("nordics", "Nordics", "the Nordic countries"),
    prefix("dach", "DACH", "Germany, Austria and Switzerland"),
    prefix("uk", "UK", "the United Kingdom and Ireland"),
    prefix(
        "benelux",
        "Benelux",
        "Belgium, the Netherlands and Luxembourg",
    ),
    prefix("retail", "Retail", "retail customers"),
    prefix("wholesale", "Wholesale", "wholesale partners"),
    prefix("corporate", "Corporate", "corporate clients"),
    prefix("smb", "SMB", "small and medium businesses"),
    prefix("enterprise", "Enterprise", "enterprise accounts"),
    prefix("digital", "Digital", "the web and mobile channels"),
    prefix("global", "Global", "the whole group"),
    prefix("public", "Public Sector", "public-sector customers"),
];

pub(super) const AREAS: &[Area] = &[
    area(
        "payments",
        "Payments",
        "card, bank and wallet payments and their settlement",
        &[
            "transactions",
            "settlements",
            "chargebacks",
            "refunds",
            "payouts",
            "mandates",
        ],
    ),
    area(
        "logistics",
        "Logistics",
        "moving goods between warehouses, stores and customers",
        &[
            "shipments",
            "deliveries",
            "routes",
            "carriers",
            "parcels",
            "returns",
        ],
    ),
    area(
        "sales",
        "Sales",
        "the sales pipeline from first contact to signed order",
        &[
            "opportunities",
            "quotes",
            "orders",
            "deals",
            "territories",
            "accounts",
        ],
    ),
    area(
        "marketing",
        "Marketing",
        "campaigns, audiences and what they bring in",
        &[
            "campaigns",
            "leads",
            "audiences",
            "impressions",
            "clicks",
            "attributions",
        ],
    ),
    area(
        "finance",
        "Finance",
        "bookkeeping, budgets and financial planning",
        &[
            "ledger-entries",
            "invoices",
            "budgets",
            "cost-centers",
            "accruals",
            "journals",
        ],
    ),
    area(
        "customer",
        "Customer",
        "who the customers are and how they can be reached",
        &[
            "customers",
            "households",
            "contacts",
            "consents",
            "interactions",
            "profiles",
        ],
    ),
    area(
        "orders",
        "Orders",
        "orders from checkout to completion",
        &[
            "orders",
            "order-lines",
            "baskets",
            "checkouts",
            "cancellations",
        ],
    ),
    area(
        "inventory",
        "Inventory",
        "stock on hand and how it moves",
        &[
            "stock-levels",
            "stock-moves",
            "warehouses",
            "bins",
            "replenishments",
        ],
    ),
    area(
        "pricing",
        "Pricing",
        "list prices, promotions and competitive pricing",
        &[
            "prices",
            "price-changes",
            "promotions",
            "discounts",
            "competitor-prices",
        ],
    ),
    area(
        "risk",
        "Risk",
        "credit, market and operational risk",
        &["exposures", "limits", "ratings", "scenarios", "incidents"],
    ),
    area(
        "compliance",
        "Compliance",
        "regulatory obligations, audits and controls",
        &[
            "audits",
            "controls",
            "kyc-checks",
            "sanctions-hits",
            "policies",
        ],
    ),
    area(
        "people",
        "People",
        "employees, hiring and payroll",
        &[
            "employees",
            "positions",
            "absences",
            "payroll-runs",
            "candidates",
        ],
    ),
    area(
        "procurement",
        "Procurement",
        "buying goods and services from suppliers",
        &[
            "suppliers",
            "purchase-orders",
            "contracts",
            "requisitions",
            "spend",
        ],
    ),
    area(
        "billing",
        "Billing",
        "invoicing customers for what they use",
        &[
            "bills",
            "usage-records",
            "credit-notes",
            "subscriptions",
            "invoices",
        ],
    ),
    area(
        "claims",
        "Claims",
        "insurance claims from notice to payment",
        &[
            "claims",
            "claim-payments",
            "adjusters",
            "reserves",
            "fraud-flags",
        ],
    ),
    area(
        "lending",
        "Lending",
        "loans from application to repayment",
        &[
            "loans",
            "applications",
            "repayments",
            "collateral",
            "arrears",
        ],
    ),
    area(
        "fraud",
        "Fraud",
        "detecting and investigating fraud",
        &["alerts", "cases", "fingerprints", "rules", "disputes"],
    ),
    area(
        "loyalty",
        "Loyalty",
        "the loyalty programme and its rewards",
        &["members", "points", "rewards", "redemptions", "tiers"],
    ),
    area(
        "fulfilment",
        "Fulfilment",
        "picking, packing and dispatching orders",
        &["picks", "packs", "dispatches", "backorders", "slots"],
    ),
    area(
        "catalog",
        "Catalog",
        "what is sold and how it is described",
        &[
            "products",
            "categories",
            "attributes",
            "assortments",
            "variants",
        ],
    ),
    area(
        "service",
        "Customer Service",
        "helping customers by phone, chat and e-mail",
        &["tickets", "calls", "chats", "surveys", "complaints"],
    ),
    area(
        "ecommerce",
        "E-commerce",
        "the online shop and its visitors",
        &["sessions", "page-views", "searches", "carts", "conversions"],
    ),
    area(
        "manufacturing",
        "Manufacturing",
        "making goods on the shop floor",
        &["work-orders", "batches", "machines", "downtime", "yields"],
    ),
    area(
        "treasury",
        "Treasury",
        "cash, liquidity and currency risk",
        &[
            "cash-positions",
            "fx-rates",
            "hedges",
            "liquidity",
            "bank-accounts",
        ],
    ),
    area(
        "insurance",
        "Insurance",
        "policies, premiums and renewals",
        &["policies", "premiums", "quotes", "renewals", "coverages"],
    ),
    area(
        "supply-chain",
        "Supply Chain",
        "planning supply against demand",
        &[
            "demand-plans",
            "lead-times",
            "suppliers",
            "capacities",
            "allocations",
        ],
    ),
    area(
        "iot",
        "IoT",
        "connected devices and their readings",
        &["devices", "readings", "alarms", "firmware", "sites"],
    ),
];

/// Entities any domain may have besides its area's own.
pub(super) const GENERIC_ENTITIES: &[&str] = &[
    "events",
    "accounts",
    "documents",
    "locations",
    "users",
    "reference-data",
    "calendars",
];

/// Entities that usually hold personal data.
pub(super) const PII_ENTITIES: &[&str] = &[
    "customers",
    "households",
    "contacts",
    "consents",
    "profiles",
    "employees",
    "candidates",
    "payroll-runs",
    "members",
    "users",
    "leads",
    "claims",
    "loans",
    "applications",
    "tickets",
    "calls",
    "chats",
    "complaints",
    "sessions",
    "accounts",
    "fingerprints",
];

pub(super) const SOURCE_SUFFIXES: &[Suffix] = &[
    suffix("raw", "Raw", "as landed from the source system"),
    suffix("events", "Events", "as a stream of business events"),
    suffix("cdc", "CDC", "as row-level change data capture"),
    suffix("snapshots", "Snapshots", "as periodic full snapshots"),
    suffix("changes", "Changes", "as incremental changes"),
    suffix("feed", "Feed", "as a near-real-time feed"),
    suffix("log", "Log", "as an append-only log"),
];

pub(super) const AGGREGATE_SUFFIXES: &[Suffix] = &[
    suffix("daily", "Daily", "aggregated per day"),
    suffix("monthly", "Monthly", "aggregated per month"),
    suffix("history", "History", "with their full history"),
    suffix("enriched", "Enriched", "enriched with reference data"),
    suffix("unified", "Unified", "unified across channels and regions"),
    suffix("curated", "Curated", "cleaned and de-duplicated"),
    suffix("summary", "Summary", "summarised for analysis"),
    suffix("master", "Master", "as one golden record each"),
    suffix("360", "360", "joined into a 360-degree view"),
];

pub(super) const CONSUMER_SUFFIXES: &[Suffix] = &[
    suffix(
        "kpis",
        "KPIs",
        "as key performance indicators for management",
    ),
    suffix("dashboard", "Dashboard", "for the operational dashboard"),
    suffix("forecast", "Forecast", "as a forecast for planning"),
    suffix("scores", "Scores", "scored by a machine-learning model"),
    suffix(
        "report",
        "Report",
        "for regulatory and management reporting",
    ),
    suffix("features", "Features", "as machine-learning features"),
    suffix("segments", "Segments", "segmented for targeting"),
    suffix("insights", "Insights", "as insights for business users"),
    suffix(
        "propensity",
        "Propensity",
        "as propensity scores for next-best offers",
    ),
    suffix("alerts", "Alerts", "as alerts for the operations team"),
];

/// What a second or third team in a domain does: slug, display word and focus.
pub(super) const TEAM_FUNCTIONS: &[(&str, &str, &str)] = &[
    ("analytics", "Analytics", "analytical data products"),
    ("platform", "Platform", "shared pipelines and tooling"),
    ("insights", "Insights", "insights for business users"),
    ("engineering", "Engineering", "data engineering"),
    (
        "reporting",
        "Reporting",
        "management and regulatory reporting",
    ),
    (
        "ml",
        "Machine Learning",
        "machine-learning features and models",
    ),
    ("integration", "Integration", "integrating source systems"),
    ("operations", "Operations", "operational data products"),
];

/// Output port kinds: type, name word and description phrase. A product's ports take
/// different words of their type before any number is appended.
pub(super) const PORT_KINDS: &[(PortType, &str, &str)] = &[
    (PortType::Table, "table", "Table"),
    (PortType::Table, "snapshot", "Daily snapshot"),
    (PortType::Table, "current", "Current-state table"),
    (PortType::Table, "history", "History table"),
    (PortType::Stream, "events", "Event stream"),
    (PortType::Stream, "changes", "Change stream"),
    (PortType::Api, "api", "REST API"),
    (PortType::Api, "lookup", "Lookup API"),
    (PortType::File, "export", "Daily file export"),
    (PortType::File, "extract", "Monthly file extract"),
];

/// Slug words written in capitals in display names.
pub(super) const ACRONYMS: &[&str] = &["kyc", "fx", "iot", "kpis", "cdc"];

/// Roles after the first two members (product owner, data engineer).
pub(super) const ROLES: &[&str] = &[
    "data-engineer",
    "analytics-engineer",
    "data-steward",
    "data-scientist",
    "platform-engineer",
    "data-analyst",
];

/// Free tags besides the archetype's medallion tag.
pub(super) const TAGS: &[&str] = &[
    "gdpr",
    "finance",
    "realtime",
    "batch",
    "kpi",
    "ml",
    "reporting",
    "core",
    "master-data",
    "customer",
    "operational",
    "regulatory",
    "self-service",
    "certified",
];

pub(super) const SYSTEMS: &[System] = &[
    system(
        "sap-s4hana",
        "erp",
        "SAP S/4HANA enterprise resource planning",
    ),
    system(
        "salesforce",
        "crm",
        "Salesforce customer relationship management",
    ),
    system("workday", "saas", "Workday human capital management"),
    system("shopify", "saas", "Shopify online shop"),
    system("stripe", "saas", "Stripe payment processing"),
    system("zendesk", "saas", "Zendesk customer support desk"),
    system("oracle-ebs", "erp", "Oracle E-Business Suite"),
    system(
        "dynamics",
        "erp",
        "Microsoft Dynamics 365 finance and operations",
    ),
    system("servicenow", "saas", "ServiceNow service management"),
    system("netsuite", "erp", "NetSuite financials"),
    system("hubspot", "crm", "HubSpot marketing automation"),
    system(
        "core-banking",
        "mainframe",
        "Core banking system on the mainframe",
    ),
    system("pos", "postgres", "Point-of-sale system of the stores"),
    system("wms", "postgres", "Warehouse management system"),
    system("tms", "mysql", "Transport management system"),
    system("iot-hub", "kafka", "IoT hub collecting device telemetry"),
    system("clickstream", "kafka", "Web and app clickstream collector"),
    system("billing-engine", "postgres", "In-house billing engine"),
    system("order-service", "postgres", "Order management microservice"),
    system("pim", "saas", "Product information management"),
    system("mes", "sqlserver", "Manufacturing execution system"),
    system(
        "guidewire",
        "saas",
        "Guidewire policy and claims administration",
    ),
];

/// Where a source system instance runs, appended to its slug.
pub(super) const SYSTEM_INSTANCES: &[&str] = &[
    "emea", "amer", "apac", "latam", "eu", "us", "global", "legacy",
];

pub(super) const FIRST_NAMES: &[&str] = &[
    "Ada", "Alan", "Amara", "Ana", "Andrei", "Anika", "Arjun", "Astrid", "Ben", "Bianca", "Carlos",
    "Chen", "Chloe", "Daniel", "Deepa", "Diego", "Elena", "Emeka", "Emma", "Erik", "Fatima",
    "Felix", "Grace", "Hana", "Hugo", "Ines", "Ivan", "Jana", "Jonas", "Julia", "Kai", "Kenji",
    "Lara", "Leila", "Liam", "Lucia", "Malik", "Maria", "Mateo", "Mei", "Nadia", "Noah", "Olga",
    "Omar", "Paula", "Pedro", "Priya", "Rafael", "Rosa", "Sami", "Sara", "Sofia", "Tariq", "Tom",
    "Uma", "Victor", "Wei", "Yara", "Yusuf", "Zoe",
];

pub(super) const LAST_NAMES: &[&str] = &[
    "Adeyemi",
    "Alvarez",
    "Andersen",
    "Bauer",
    "Becker",
    "Bianchi",
    "Chowdhury",
    "Costa",
    "Dubois",
    "Eriksson",
    "Fischer",
    "Garcia",
    "Gupta",
    "Haddad",
    "Hansen",
    "Ito",
    "Jansen",
    "Kim",
    "Kowalski",
    "Kumar",
    "Larsen",
    "Lee",
    "Lopez",
    "Martin",
    "Meyer",
    "Moreau",
    "Muller",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Okafor",
    "Olsen",
    "Patel",
    "Petrov",
    "Popescu",
    "Rahman",
    "Rossi",
    "Santos",
    "Schmidt",
    "Silva",
    "Singh",
    "Smith",
    "Suzuki",
    "Tanaka",
    "Taylor",
    "Torres",
    "Varga",
    "Wagner",
    "Walsh",
    "Wang",
    "Weber",
    "Williams",
    "Yilmaz",
    "Zhang",
];
