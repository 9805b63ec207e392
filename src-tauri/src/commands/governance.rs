//! Governance for the open mesh: run the checks, list the rules, read and change the
//! policy (one undoable edit the core works out), check a custom CEL rule as it is typed.

use mesh_app::CommandError;
use mesh_core::governance::{self, CustomRule, Policy, PolicyEdit, Report, RuleDoc, RuleProblem};
use mesh_core::store::Applied;
use tauri::State;

use crate::state::AppState;

/// Checks the open mesh against its stored policy as of today (the local date, which
/// decides whether a waiver has expired). Waived findings are in the report, marked.
/// The model is the one the session keeps patched with each edit, not a reload.
#[tauri::command]
#[specta::specta]
pub async fn check_mesh(state: State<'_, AppState>) -> Result<Report, CommandError> {
    state.check(chrono::Local::now().date_naive())
}

/// Every built-in and custom rule with the open mesh's policy applied (disabled ones too).
#[tauri::command]
#[specta::specta]
pub async fn rules_catalog(state: State<'_, AppState>) -> Result<Vec<RuleDoc>, CommandError> {
    state.rules()
}

/// The open mesh's policy (the default one when none was ever set).
#[tauri::command]
#[specta::specta]
pub async fn get_policy(state: State<'_, AppState>) -> Result<Policy, CommandError> {
    state.policy()
}

/// One policy change (waive, rule setting, custom rule) as one undoable edit.
#[tauri::command]
#[specta::specta]
pub async fn edit_policy(
    state: State<'_, AppState>,
    edit: PolicyEdit,
) -> Result<Applied, CommandError> {
    state.edit_policy(&edit)
}

/// The problems of one custom rule (empty when it is fine); needs no open mesh.
#[tauri::command]
#[specta::specta]
pub fn validate_custom_rule(rule: CustomRule) -> Vec<RuleProblem> {
    governance::validate_custom_rule(&rule)
}
