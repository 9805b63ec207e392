//! JUnit XML output for CI test views (GitLab, Jenkins, Azure DevOps, GitHub test
//! reporters): one `<testsuite>` per category, one `<testcase>` per rule that ran, one
//! `<failure>` per unwaived error or warning. Infos and waived findings go to the
//! test case's `<system-out>` so they are visible without failing anything. A finding
//! with a place starts with `path:line:column:`, which GitLab and Jenkins link.
//!
//! The XML is written by quick-xml, which escapes text and attributes; nothing here
//! builds markup by hand.

use std::io::Cursor;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::{Place, Placed, place_prefix};
use crate::governance::{Category, Finding, Report, Severity};

type XmlResult = std::result::Result<(), std::io::Error>;

fn finding_line(placed: &Placed<'_>, f: &Finding, place: Option<&Place>) -> String {
    let at = place.map_or_else(String::new, |p| format!("{}: ", place_prefix(placed, p)));
    format!(
        "{at}{} {} {}: {}",
        f.severity.as_str(),
        f.entity.kind,
        f.entity.name,
        f.message
    )
}

/// Renders the report as JUnit XML.
pub fn junit(placed: &Placed<'_>) -> String {
    let mut w = Writer::new_with_indent(Cursor::new(Vec::new()), b' ', 2);
    // Writing to memory cannot fail; an error would only come from a bug in the writer.
    let _ = write(&mut w, placed);
    String::from_utf8_lossy(&w.into_inner().into_inner()).into_owned()
}

fn of_rule<'p, 'r>(
    placed: &'p Placed<'r>,
    id: &'p str,
) -> impl Iterator<Item = (&'r Finding, Option<&'p Place>)> + 'p {
    placed.iter().filter(move |(f, _)| f.rule_id == id)
}

fn failing(f: &Finding) -> bool {
    f.waived.is_none() && f.severity != Severity::Info
}

fn write(w: &mut Writer<Cursor<Vec<u8>>>, placed: &Placed<'_>) -> XmlResult {
    let report: &Report = placed.report;
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let failures = report.findings.iter().filter(|f| failing(f)).count();
    let mut suites = BytesStart::new("testsuites");
    suites.push_attribute((
        "name",
        format!("meshwright check: {}", report.mesh).as_str(),
    ));
    suites.push_attribute(("tests", report.rules.len().to_string().as_str()));
    suites.push_attribute(("failures", failures.to_string().as_str()));
    suites.push_attribute(("errors", "0"));
    w.write_event(Event::Start(suites))?;
    for category in Category::ALL {
        let rules: Vec<_> = report
            .rules
            .iter()
            .filter(|r| r.category == category)
            .collect();
        if rules.is_empty() {
            continue;
        }
        let failed_cases = rules
            .iter()
            .filter(|r| of_rule(placed, &r.id).any(|(f, _)| failing(f)))
            .count();
        let mut suite = BytesStart::new("testsuite");
        suite.push_attribute(("name", category.label()));
        suite.push_attribute(("tests", rules.len().to_string().as_str()));
        suite.push_attribute(("failures", failed_cases.to_string().as_str()));
        suite.push_attribute(("errors", "0"));
        suite.push_attribute(("skipped", "0"));
        w.write_event(Event::Start(suite))?;
        for rule in rules {
            let mut case = BytesStart::new("testcase");
            case.push_attribute(("name", format!("{} {}", rule.id, rule.name).as_str()));
            case.push_attribute((
                "classname",
                format!("meshwright.{}", category.label()).as_str(),
            ));
            w.write_event(Event::Start(case))?;
            let mut notes = Vec::new();
            for (f, place) in of_rule(placed, &rule.id) {
                let line = finding_line(placed, f, place);
                if failing(f) {
                    let mut failure = BytesStart::new("failure");
                    failure.push_attribute(("message", line.as_str()));
                    failure.push_attribute(("type", f.severity.as_str()));
                    w.write_event(Event::Start(failure))?;
                    let body = format!("{line}\nfix: {}", f.fix_hint);
                    w.write_event(Event::Text(BytesText::new(&body)))?;
                    w.write_event(Event::End(BytesEnd::new("failure")))?;
                } else {
                    let line = match &f.waived {
                        Some(reason) => format!("waived ({reason}): {line}"),
                        None => line,
                    };
                    notes.push(line);
                }
            }
            if !notes.is_empty() {
                w.write_event(Event::Start(BytesStart::new("system-out")))?;
                w.write_event(Event::Text(BytesText::new(&notes.join("\n"))))?;
                w.write_event(Event::End(BytesEnd::new("system-out")))?;
            }
            w.write_event(Event::End(BytesEnd::new("testcase")))?;
        }
        w.write_event(Event::End(BytesEnd::new("testsuite")))?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuites")))?;
    Ok(())
}
