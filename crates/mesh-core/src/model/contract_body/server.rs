//! Servers, ODCS v3.1 `servers[]`: where a contract's data physically lives.
//!
//! ODCS names different location fields per server type (`host`/`port`/`database` for
//! PostgreSQL, `project`/`dataset` for BigQuery, `location`/`format` for S3, ...). The
//! model holds the common ones; any other key of a server stays in `extra`, so nothing
//! a contract says about its server is lost. Data only.

use serde::{Deserialize, Serialize};

use super::Unmapped;

/// One server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct Server {
    /// Its identifier, unique in the contract.
    pub server: String,
    /// `postgres`, `snowflake`, `bigquery`, `kafka`, `s3`, ... (ODCS's list).
    #[serde(rename = "type")]
    pub server_type: String,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `prod`, `dev`, `uat`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<String>,
    /// Host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// TCP port.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub port: Option<u32>,
    /// Database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// Schema in the database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Catalog (Databricks, Trino).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    /// Project (BigQuery, Pub/Sub).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Dataset (BigQuery).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    /// An address of files or an API (`s3://bucket/orders/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// A local path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// File format: `parquet`, `csv`, `json`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Field delimiter of text files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// Account (Snowflake, Glue, Redshift).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Warehouse (Snowflake).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warehouse: Option<String>,
    /// Cloud region (Kinesis, Redshift).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Keys the model has no field for (`id`, `roles`, `stagingDir`, `endpointUrl`,
    /// `serviceName`, `customProperties`, ...).
    #[serde(default, skip_serializing_if = "Unmapped::is_empty")]
    pub extra: Unmapped,
}
