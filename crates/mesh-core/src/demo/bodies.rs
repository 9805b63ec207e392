//! The demo's contract bodies: for every output port with a contract, the objects it
//! serves with their columns (primary key first, personal data marked on the ports
//! that serve it), a uniqueness rule on the key and a row-count rule on each object, the
//! server the data lives on, and the terms of use where a port has any.
//!
//! Pure data, like the rest of the demo: no I/O, no clock, no randomness. Columns are
//! written as `"name type flags"` so a table reads like a DDL listing; `objects` turns
//! them into model values.

use crate::model::{
    ContractBody, LogicalType, PortType, QualityRule, QualityType, SchemaObject, SchemaProperty,
    Server, UsageTerms,
};

/// One object of a contract: its name and columns, `"name type [pk] [req] [pii] [part]"`
/// (`pk` a primary key column in the order given, `req` required, `pii` personal data,
/// `part` a partition column).
struct Object {
    name: &'static str,
    description: &'static str,
    columns: &'static [&'static str],
}

/// The objects of each contract, by contract id.
const SCHEMAS: &[(&str, &[Object])] = &[
    (
        "customer-profiles-v2",
        &[Object {
            name: "customer_profiles",
            description: "One row per customer.",
            columns: &[
                "customer_id string pk",
                "first_name string pii",
                "last_name string pii",
                "birth_date date pii",
                "country_code string req",
                "loyalty_tier string",
                "marketing_consent boolean req",
                "created_at timestamp req",
            ],
        }],
    ),
    (
        "customer-contacts-v1",
        &[Object {
            name: "contact_details",
            description: "Contact channels per customer.",
            columns: &[
                "customer_id string pk",
                "email string req pii",
                "phone string pii",
                "street string pii",
                "postal_code string pii",
                "city string pii",
                "country_code string req",
                "updated_at timestamp req",
            ],
        }],
    ),
    (
        "support-tickets-v1",
        &[Object {
            name: "tickets",
            description: "One row per support ticket.",
            columns: &[
                "ticket_id string pk",
                "customer_id string req pii",
                "order_id string",
                "reason_code string req",
                "channel string",
                "opened_at timestamp req part",
                "closed_at timestamp",
                "satisfaction_rating integer",
            ],
        }],
    ),
    (
        "customer-360-v3",
        &[Object {
            name: "customer_360",
            description: "One wide row per customer.",
            columns: &[
                "customer_id string pk",
                "email string pii",
                "country_code string req",
                "first_order_date date",
                "last_order_date date",
                "order_count integer req",
                "net_revenue number req",
                "return_rate number",
                "loyalty_tier string",
                "preferred_channel string",
            ],
        }],
    ),
    (
        "customer-lookup-v1",
        &[Object {
            name: "customer",
            description: "The customer returned by GET /customers/{id}.",
            columns: &[
                "customer_id string pk",
                "display_name string pii",
                "email string pii",
                "loyalty_tier string",
                "open_tickets integer",
                "last_order_date date",
            ],
        }],
    ),
    (
        "clv-scores-v1",
        &[Object {
            name: "clv_scores",
            description: "One row per customer and scoring week.",
            columns: &[
                "customer_id string pk pii",
                "score_week date pk part",
                "clv_score number req",
                "clv_band string req",
                "model_version string req",
            ],
        }],
    ),
    (
        "product-catalog-v1",
        &[Object {
            name: "items",
            description: "One row per SKU in the pre-2025 category tree.",
            columns: &[
                "sku string pk",
                "title string req",
                "category_path string req",
                "colour string",
                "size string",
                "list_price number",
                "currency string",
            ],
        }],
    ),
    (
        "product-catalog-v2",
        &[Object {
            name: "items",
            description: "One row per variant, with its style.",
            columns: &[
                "sku string pk",
                "style_id string req",
                "title string req",
                "category_id string req",
                "colour string",
                "size string",
                "list_price number req",
                "currency string req",
                "launched_on date",
            ],
        }],
    ),
    (
        "pricing-history-v1",
        &[Object {
            name: "price_changes",
            description: "One row per price validity interval.",
            columns: &[
                "sku string pk",
                "country_code string pk",
                "valid_from date pk part",
                "valid_to date",
                "price number req",
                "currency string req",
            ],
        }],
    ),
    (
        "product-performance-v1",
        &[Object {
            name: "sku_daily",
            description: "One row per SKU and day.",
            columns: &[
                "sku string pk",
                "sales_date date pk part",
                "units_sold integer req",
                "net_revenue number req",
                "sell_through_rate number",
                "weeks_of_cover number",
            ],
        }],
    ),
    (
        "web-sessions-v1",
        &[Object {
            name: "sessions",
            description: "One row per visit.",
            columns: &[
                "session_id string pk",
                "visitor_id string req pii",
                "started_at timestamp req part",
                "traffic_source string",
                "landing_page string",
                "page_views integer req",
                "device_type string",
                "converted boolean req",
            ],
        }],
    ),
    (
        "orders-v4",
        &[
            Object {
                name: "orders",
                description: "One row per order.",
                columns: &[
                    "order_id string pk",
                    "customer_id string req pii",
                    "order_date date req part",
                    "status string req",
                    "currency string req",
                    "total_amount number req",
                    "discount_amount number",
                    "tax_amount number req",
                    "shipping_address object pii",
                ],
            },
            Object {
                name: "order_lines",
                description: "One row per order line.",
                columns: &[
                    "order_id string pk",
                    "line_number integer pk",
                    "sku string req",
                    "quantity integer req",
                    "unit_price number req",
                    "line_amount number req",
                ],
            },
        ],
    ),
    (
        "order-events-v1",
        &[Object {
            name: "order_events",
            description: "One message per change of an order.",
            columns: &[
                "event_id string pk",
                "order_id string req",
                "event_type string req",
                "occurred_at timestamp req",
                "customer_id string pii",
                "payload object",
            ],
        }],
    ),
    (
        "payments-v2",
        &[Object {
            name: "transactions",
            description: "One row per charge, refund or dispute.",
            columns: &[
                "transaction_id string pk",
                "order_id string req",
                "transaction_type string req",
                "amount number req",
                "currency string req",
                "card_holder_name string pii",
                "billing_country string",
                "created_at timestamp req part",
            ],
        }],
    ),
    (
        "payment-settlements-v1",
        &[Object {
            name: "settlements",
            description: "One row per settled order in a payout.",
            columns: &[
                "payout_id string pk",
                "order_id string pk",
                "settled_on date req part",
                "gross_amount number req",
                "fee_amount number req",
                "currency string req",
            ],
        }],
    ),
    (
        "returns-v1",
        &[Object {
            name: "returns",
            description: "One row per returned order line.",
            columns: &[
                "return_id string pk",
                "order_id string req",
                "line_number integer req",
                "customer_id string req pii",
                "reason_code string req",
                "item_condition string",
                "refund_amount number",
                "received_at timestamp part",
            ],
        }],
    ),
    (
        "order-lines-v2",
        &[Object {
            name: "order_lines",
            description: "One row per order line, customers pseudonymised.",
            columns: &[
                "order_id string pk",
                "line_number integer pk",
                "order_date date req part",
                "sku string req",
                "category_id string",
                "customer_key string",
                "net_revenue number req",
                "cost_amount number",
            ],
        }],
    ),
    (
        "checkout-funnel-v1",
        &[Object {
            name: "funnel_daily",
            description: "One row per day, device, country, source and step.",
            columns: &[
                "funnel_date date pk part",
                "device_type string pk",
                "country_code string pk",
                "traffic_source string pk",
                "step string pk",
                "experiment_id string",
                "sessions integer req",
            ],
        }],
    ),
    (
        "inventory-snapshots-v3",
        &[Object {
            name: "stock_snapshots",
            description: "One row per SKU, warehouse and day.",
            columns: &[
                "snapshot_date date pk part",
                "sku string pk",
                "warehouse_id string pk",
                "on_hand integer req",
                "reserved integer req",
                "in_transit integer req",
            ],
        }],
    ),
    (
        "stock-movements-v1",
        &[Object {
            name: "stock_movements",
            description: "One message per booking in the WMS.",
            columns: &[
                "movement_id string pk",
                "sku string req",
                "warehouse_id string req",
                "movement_type string req",
                "quantity integer req",
                "booked_at timestamp req",
            ],
        }],
    ),
    (
        "shipments-v2",
        &[Object {
            name: "shipments",
            description: "One row per parcel.",
            columns: &[
                "parcel_id string pk",
                "order_id string req",
                "carrier string req",
                "service_level string",
                "shipped_at timestamp req part",
                "delivered_at timestamp",
                "shipping_cost number",
                "recipient_name string pii",
                "destination_postal_code string pii",
            ],
        }],
    ),
    (
        "shipment-events-v1",
        &[Object {
            name: "tracking_events",
            description: "One message per carrier scan.",
            columns: &[
                "event_id string pk",
                "parcel_id string req",
                "carrier string req",
                "status_code string req",
                "scanned_at timestamp req",
                "location string",
            ],
        }],
    ),
    (
        "delivery-performance-v1",
        &[Object {
            name: "delivery_kpis",
            description: "One row per carrier, service, country and week.",
            columns: &[
                "week_start date pk part",
                "carrier string pk",
                "service_level string pk",
                "country_code string pk",
                "on_time_rate number req",
                "avg_lead_time_days number",
                "cost_per_parcel number",
            ],
        }],
    ),
    (
        "demand-forecast-v1",
        &[Object {
            name: "forecasts",
            description: "One row per SKU, warehouse and forecast week.",
            columns: &[
                "forecast_run date pk part",
                "sku string pk",
                "warehouse_id string pk",
                "target_week date pk",
                "units_p50 number req",
                "units_p90 number",
            ],
        }],
    ),
    (
        "campaign-performance-v2",
        &[Object {
            name: "campaign_daily",
            description: "One row per campaign, segment and day.",
            columns: &[
                "campaign_date date pk part",
                "campaign_id string pk",
                "segment_id string pk",
                "spend number req",
                "sessions integer",
                "orders integer",
                "roas number",
            ],
        }],
    ),
    (
        "customer-segments-v1",
        &[Object {
            name: "segments",
            description: "One row per consenting customer.",
            columns: &[
                "customer_id string pk pii",
                "segment_id string req",
                "audience_flags array",
                "consent_given_at timestamp req",
                "updated_at timestamp req",
            ],
        }],
    ),
    (
        "attribution-v1",
        &[Object {
            name: "attributed_revenue",
            description: "One row per order and touchpoint.",
            columns: &[
                "order_id string pk",
                "touchpoint_id string pk",
                "channel string req",
                "campaign_id string",
                "revenue_share number req",
                "attributed_on date part",
            ],
        }],
    ),
    (
        "general-ledger-v1",
        &[Object {
            name: "journal_entries",
            description: "One row per posted journal entry line.",
            columns: &[
                "company_code string pk",
                "document_number string pk",
                "line_item integer pk",
                "fiscal_period string req part",
                "gl_account string req",
                "amount number req",
                "currency string req",
                "posted_on date req",
            ],
        }],
    ),
    (
        "daily-revenue-v2",
        &[Object {
            name: "revenue_daily",
            description: "One row per day, country and channel.",
            columns: &[
                "revenue_date date pk part",
                "country_code string pk",
                "channel string pk",
                "gross_revenue number req",
                "net_revenue number req",
                "currency string req",
            ],
        }],
    ),
    (
        "margin-analysis-v1",
        &[Object {
            name: "margin_by_sku",
            description: "One row per SKU, country and month.",
            columns: &[
                "month date pk part",
                "sku string pk",
                "country_code string pk",
                "net_revenue number req",
                "cogs number req",
                "contribution_margin number req",
            ],
        }],
    ),
    (
        "weekly-sales-extract-v1",
        &[Object {
            name: "sales_extract",
            description: "One row per category and week.",
            columns: &[
                "week_start date pk",
                "category string pk",
                "units integer req",
                "net_revenue number req",
            ],
        }],
    ),
    (
        "executive-kpis-v1",
        &[Object {
            name: "scorecard",
            description: "One KPI value per week and country.",
            columns: &[
                "kpi_code string pk",
                "week_start date pk",
                "country_code string pk",
                "definition string req",
                "actual number",
                "plan number",
            ],
        }],
    ),
];

/// Terms of use, by contract id, for the ports whose owners wrote any:
/// (usage, limitations).
const TERMS: &[(&str, &str, &str)] = &[
    (
        "orders-v4",
        "Order reporting, fulfilment planning and finance reconciliation.",
        "Personal data only for the order's own processing; analytics reads \
         order-lines-enriched instead.",
    ),
    (
        "customer-profiles-v2",
        "Personalisation and customer service, for customers who consented.",
        "No export outside the EU; marketing use only with marketing_consent.",
    ),
    (
        "demand-forecast-v1",
        "Replenishment planning.",
        "Draft model: forecasts beyond 8 weeks are not yet validated.",
    ),
];

/// The body of the contract `contract` on the port `port` of `product`; empty for a
/// contract the tables do not describe.
pub(super) fn body(contract: &str, product: &str, port: &str, port_type: PortType) -> ContractBody {
    let Some((_, objects)) = SCHEMAS.iter().find(|(id, _)| *id == contract) else {
        return ContractBody::default();
    };
    let terms = TERMS
        .iter()
        .find(|(id, _, _)| *id == contract)
        .map(|&(_, usage, limitations)| UsageTerms {
            usage: Some(usage.into()),
            limitations: Some(limitations.into()),
            ..UsageTerms::default()
        })
        .unwrap_or_default();
    ContractBody {
        schema: objects.iter().map(|o| object(o, port_type)).collect(),
        servers: vec![server(product, port, port_type)],
        terms,
    }
}

fn object(o: &Object, port_type: PortType) -> SchemaObject {
    let mut position = 0;
    let properties: Vec<SchemaProperty> = o
        .columns
        .iter()
        .map(|spec| {
            let mut words = spec.split_whitespace();
            let name = words.next().unwrap_or_default();
            let logical = words
                .next()
                .and_then(LogicalType::parse)
                .unwrap_or(LogicalType::String);
            let mut p = SchemaProperty::new(name, logical);
            p.physical_type = Some(physical(logical).into());
            for flag in words {
                match flag {
                    "pk" => {
                        position += 1;
                        p.primary_key = Some(true);
                        p.primary_key_position = Some(position);
                        p.required = Some(true);
                    }
                    "req" => p.required = Some(true),
                    "pii" => p.personal_data = true,
                    "part" => p.partitioned = Some(true),
                    _ => {}
                }
            }
            p
        })
        .collect();
    let mut properties = properties;
    // The key's uniqueness, on the key column when there is one column to it.
    if position == 1
        && let Some(key) = properties.iter_mut().find(|p| p.primary_key == Some(true))
    {
        key.quality.push(QualityRule {
            rule_type: Some(QualityType::Library),
            metric: Some("duplicateValues".into()),
            must_be: Some(0.into()),
            dimension: Some("uniqueness".into()),
            severity: Some("error".into()),
            description: Some("No two rows share a key.".into()),
            ..QualityRule::default()
        });
    }
    SchemaObject {
        name: o.name.into(),
        physical_name: Some(o.name.into()),
        physical_type: Some(
            match port_type {
                PortType::Stream => "topic",
                PortType::File => "file",
                PortType::Api => "endpoint",
                PortType::Table | PortType::Other => "table",
            }
            .into(),
        ),
        description: Some(o.description.into()),
        properties,
        quality: vec![QualityRule {
            rule_type: Some(QualityType::Library),
            metric: Some("rowCount".into()),
            must_be_greater_than: Some(0.into()),
            dimension: Some("completeness".into()),
            severity: Some("warning".into()),
            description: Some("A delivery is never empty.".into()),
            ..QualityRule::default()
        }],
        ..SchemaObject::default()
    }
}

/// The column type a warehouse would declare for a logical type.
fn physical(logical: LogicalType) -> &'static str {
    match logical {
        LogicalType::String => "VARCHAR",
        LogicalType::Date => "DATE",
        LogicalType::Timestamp => "TIMESTAMP_TZ",
        LogicalType::Time => "TIME",
        LogicalType::Number => "NUMBER(18,2)",
        LogicalType::Integer => "NUMBER(38,0)",
        LogicalType::Object => "OBJECT",
        LogicalType::Array => "ARRAY",
        LogicalType::Boolean => "BOOLEAN",
    }
}

/// Where the port's data lives: Snowflake for tables, Kafka for streams, S3 for files,
/// the API gateway for APIs.
fn server(product: &str, port: &str, port_type: PortType) -> Server {
    let schema = product.replace('-', "_").to_uppercase();
    let base = Server {
        server: "production".into(),
        environment: Some("prod".into()),
        ..Server::default()
    };
    match port_type {
        PortType::Stream => Server {
            server_type: "kafka".into(),
            host: Some("kafka.northwind.example:9092".into()),
            format: Some("avro".into()),
            ..base
        },
        PortType::File => Server {
            server_type: "s3".into(),
            location: Some(format!("s3://northwind-data-products/{product}/{port}/")),
            format: Some(
                if port.contains("extract") {
                    "csv"
                } else {
                    "parquet"
                }
                .into(),
            ),
            ..base
        },
        PortType::Api => Server {
            server_type: "api".into(),
            location: Some(format!("https://api.northwind.example/{product}/v1")),
            ..base
        },
        PortType::Table | PortType::Other => Server {
            server_type: "snowflake".into(),
            account: Some("northwind-eu1".into()),
            database: Some("DATA_PRODUCTS".into()),
            schema: Some(schema),
            warehouse: Some("REPORTING_WH".into()),
            ..base
        },
    }
}
