//! Governance: the checks, the rules, the policy and its edits, custom CEL rules as typed.

use mesh_app::CommandError;
use mesh_core::governance::{self, CustomRule, Policy, PolicyEdit, Report, RuleDoc, RuleProblem};
use mesh_core::store::Applied;

use crate::state::WindowMesh;

/// Checks the kept model against its stored policy as of today; waived findings marked.
#[tauri::command]
#[specta::specta]
pub async fn check_mesh(mesh: WindowMesh) -> Result<Report, CommandError> {
    mesh.check(chrono::Local::now().date_naive())
}

/// Every built-in and custom rule with the open mesh's policy applied (disabled ones too).
#[tauri::command]
#[specta::specta]
pub async fn rules_catalog(mesh: WindowMesh) -> Result<Vec<RuleDoc>, CommandError> {
    mesh.rules()
}

/// The open mesh's policy (the default one when none was ever set).
#[tauri::command]
#[specta::specta]
pub async fn get_policy(mesh: WindowMesh) -> Result<Policy, CommandError> {
    mesh.policy()
}

/// One policy change (waive, rule setting, custom rule) as one undoable edit.
#[tauri::command]
#[specta::specta]
pub async fn edit_policy(mesh: WindowMesh, edit: PolicyEdit) -> Result<Applied, CommandError> {
    mesh.edit_policy(&edit)
}

/// The problems of one custom rule (empty when it is fine); needs no open mesh.
#[tauri::command]
#[specta::specta]
pub fn validate_custom_rule(rule: CustomRule) -> Vec<RuleProblem> {
    governance::validate_custom_rule(&rule)
}
