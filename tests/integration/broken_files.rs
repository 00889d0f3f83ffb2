//! Broken content files through the real binary: `collectsim validate FILE` must exit 1 (never
//! panic) and point at the right `path:line:col:` with a message and a `= fix:` that say the
//! right thing.
//!
//! Fixtures live in `tests/data/broken/<folder>/<what-it-breaks>.yaml`; each is a valid base
//! (`valid-base.yaml`, `valid-base-zh.yaml`) with one thing changed, and is copied to the same
//! relative path inside the test's temporary folder. Files that are large, binary or not UTF-8
//! are generated here instead of committed.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::harness::{Run, Test, snapshot};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/broken");

fn fixture(rel: &str) -> Vec<u8> {
    let path = Path::new(FIXTURES).join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("read fixture {}: {e}", path.display()))
}

/// `collectsim validate REL` with the fixture REL at the same relative path.
fn validate(rel: &str) -> Run {
    validate_bytes(rel, fixture(rel))
}

fn validate_bytes(rel: &str, bytes: impl AsRef<[u8]>) -> Run {
    Test::new().file(rel, bytes).args(["validate", rel]).run()
}

/// One rendered problem: the `path:line:col: level: message` line and its `= fix:` line.
#[derive(Debug)]
struct Rendered {
    head: String,
    fix: Option<String>,
    block: String,
}

fn is_head(line: &str) -> bool {
    let mut parts = line.splitn(4, ':');
    let (Some(path), Some(l), Some(c), Some(rest)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    !path.is_empty()
        && !path.starts_with(' ')
        && l.chars().all(|ch| ch.is_ascii_digit())
        && c.chars().all(|ch| ch.is_ascii_digit())
        && (rest.starts_with(" error: ") || rest.starts_with(" warning: "))
}

fn rendered(stdout: &str) -> Vec<Rendered> {
    let mut out: Vec<Rendered> = Vec::new();
    for line in stdout.lines() {
        if is_head(line) {
            out.push(Rendered {
                head: line.to_string(),
                fix: None,
                block: format!("{line}\n"),
            });
        } else if let Some(current) = out.last_mut() {
            current.block.push_str(line);
            current.block.push('\n');
            if let Some(fix) = line.strip_prefix("  = fix: ") {
                current.fix = Some(fix.to_string());
            }
        }
    }
    out
}

/// The run failed cleanly: exit code exactly 1, no panic.
#[track_caller]
fn failed_cleanly(run: &Run) {
    assert!(
        !run.stderr.contains("panicked"),
        "collectsim panicked:\n{}",
        run.stderr
    );
    run.exit(1);
}

/// Asserts a problem starting with `at` (`path:line:col: error:`) whose message contains every
/// `message` part and whose fix line contains every `fix` part; returns it.
#[track_caller]
fn problem(run: &Run, at: &str, message: &[&str], fix: &[&str]) -> Rendered {
    let all = rendered(&run.stdout);
    let heads: Vec<String> = all.iter().map(|p| p.head.clone()).collect();
    let found = all
        .into_iter()
        .find(|p| p.head.starts_with(at))
        .unwrap_or_else(|| {
            panic!(
                "no problem at `{at}`; problems reported:\n  {}\nstdout:\n{}\nstderr:\n{}",
                heads.join("\n  "),
                run.stdout,
                run.stderr
            )
        });
    for part in message {
        assert!(
            found.head.contains(part),
            "message lacks {part:?}:\n{}",
            found.block
        );
    }
    if !fix.is_empty() {
        let line = found
            .fix
            .as_deref()
            .unwrap_or_else(|| panic!("no `= fix:` line:\n{}", found.block));
        for part in fix {
            assert!(line.contains(part), "fix lacks {part:?}:\n{}", found.block);
        }
    }
    found
}

/// The fixture breaks exactly one thing: one error, reported where and as expected.
#[track_caller]
fn only_error(run: &Run, at: &str, message: &[&str], fix: &[&str]) -> Rendered {
    failed_cleanly(run);
    let found = problem(run, at, message, fix);
    let errors = rendered(&run.stdout)
        .into_iter()
        .filter(|p| p.head.contains(": error: "))
        .count();
    assert_eq!(
        errors, 1,
        "expected exactly one error (fixtures break one thing):\n{}",
        run.stdout
    );
    found
}

// ------------------------------------------------------------------------------------ bases

#[test]
fn every_valid_base_validates() {
    for rel in [
        "scenarios/valid-base.yaml",
        "scenarios/valid-base-zh.yaml",
        "personas/valid-base.yaml",
        "rubrics/valid-base.yaml",
        "intents/valid-base.yaml",
        "exams/valid-base.yaml",
    ] {
        let run = validate(rel);
        assert!(
            run.code() == 0 && !run.stdout.contains("error:"),
            "{rel} should be valid (every broken fixture is it with one change):\n{}{}",
            run.stdout,
            run.stderr
        );
    }
}

// ------------------------------------------------------------------------------- YAML syntax

#[test]
fn yaml_syntax_error_colon_in_plain_value() {
    let run = validate("scenarios/yaml-syntax-error-colon-in-plain-value.yaml");
    only_error(
        &run,
        "scenarios/yaml-syntax-error-colon-in-plain-value.yaml:2:13: error:",
        &["mapping values are not allowed"],
        &["quote"],
    );
}

#[test]
fn yaml_syntax_error_colon_after_cjk_text() {
    let run = validate("scenarios/yaml-syntax-error-after-cjk.yaml");
    let p = only_error(
        &run,
        "scenarios/yaml-syntax-error-after-cjk.yaml:2:12: error:",
        &["mapping values are not allowed"],
        &["quote"],
    );
    // The caret sits under the colon: `title: ` is 7 columns, 外卖骑手 is 8.
    assert!(
        p.block.contains(&format!("  | {}^\n", " ".repeat(15))),
        "caret not under the colon:\n{}",
        p.block
    );
}

#[test]
fn wrong_type_text_where_a_number_goes() {
    let run = validate("scenarios/wrong-type-text-for-balance.yaml");
    let p = only_error(
        &run,
        "scenarios/wrong-type-text-for-balance.yaml:20:12: error:",
        &[],
        &["number"],
    );
    assert!(
        p.head.contains("float") || p.head.contains("number"),
        "the message should say a number was expected:\n{}",
        p.block
    );
}

#[test]
fn wrong_type_chinese_numerals_where_a_number_goes() {
    let run = validate("scenarios/wrong-type-text-for-capacity-zh.yaml");
    only_error(
        &run,
        "scenarios/wrong-type-text-for-capacity-zh.yaml:11:19: error:",
        &[],
        &["number"],
    );
}

#[test]
fn unknown_field_misspelled_suggests_the_right_one() {
    let run = validate("scenarios/unknown-field-misspelled.yaml");
    only_error(
        &run,
        "scenarios/unknown-field-misspelled.yaml:24:3: error:",
        &["unknown field `minimum_paymnet`"],
        &["did you mean `minimum_payment`?"],
    );
    snapshot("broken_unknown_field", &run.stdout);
}

#[test]
fn duplicate_key_points_at_the_second_one() {
    let run = validate("scenarios/duplicate-key-interest.yaml");
    let p = only_error(
        &run,
        "scenarios/duplicate-key-interest.yaml:18:3: error:",
        &["duplicate", "interest"],
        &["key"],
    );
    assert!(
        !p.head.contains("DuplicateKeyPolicy"),
        "the message leaks the YAML library's API:\n{}",
        p.block
    );
    assert!(
        !p.fix.as_deref().unwrap_or("").contains("tab"),
        "a duplicate key is not a tab problem:\n{}",
        p.block
    );
}

#[test]
fn tab_indentation_under_a_mapping() {
    let run = validate("scenarios/tab-indentation-under-mapping.yaml");
    only_error(
        &run,
        "scenarios/tab-indentation-under-mapping.yaml:8:1: error:",
        &["tab"],
        &["spaces, not tabs"],
    );
}

#[test]
fn tab_indentation_after_a_plain_value() {
    let run = validate("scenarios/tab-indentation-after-plain-value.yaml");
    only_error(
        &run,
        "scenarios/tab-indentation-after-plain-value.yaml:14:1: error:",
        &["tab"],
        &["spaces, not tabs"],
    );
}

#[test]
fn unclosed_quote_is_reported_where_it_opens() {
    let run = validate("scenarios/unclosed-quote-due-date.yaml");
    only_error(
        &run,
        "scenarios/unclosed-quote-due-date.yaml:22:13: error:",
        &["quote"],
        &["close the quote"],
    );
}

#[test]
fn unclosed_quote_before_cjk_text() {
    let run = validate("scenarios/unclosed-quote-before-cjk.yaml");
    only_error(
        &run,
        "scenarios/unclosed-quote-before-cjk.yaml:2:8: error:",
        &["quote"],
        &["close the quote"],
    );
}

#[test]
fn unclosed_quote_at_end_of_file() {
    let run = validate("scenarios/unclosed-quote-at-end-of-file.yaml");
    only_error(
        &run,
        "scenarios/unclosed-quote-at-end-of-file.yaml:42:11: error:",
        &["unclosed quote"],
        &["close the quote"],
    );
}

#[test]
fn missing_required_field_from_a_mis_indented_key() {
    let run = validate("scenarios/missing-field-mis-indented.yaml");
    only_error(
        &run,
        "scenarios/missing-field-mis-indented.yaml:20:3: error:",
        &["missing field `currency`"],
        &["indentation"],
    );
}

#[test]
fn multi_document_file() {
    let run = validate("scenarios/multi-document.yaml");
    let p = only_error(
        &run,
        "scenarios/multi-document.yaml:43:1: error:",
        &["document"],
        &["document"],
    );
    assert!(
        !p.fix.as_deref().unwrap_or("").contains("alias"),
        "a second document has nothing to do with aliases:\n{}",
        p.block
    );
}

#[test]
fn list_instead_of_a_mapping() {
    let run = validate("scenarios/list-instead-of-mapping.yaml");
    only_error(
        &run,
        "scenarios/list-instead-of-mapping.yaml:1:1: error:",
        &["mapping"],
        &["schema"],
    );
}

#[test]
fn deeply_nested_flow_sequences() {
    let base = String::from_utf8(fixture("scenarios/valid-base.yaml")).expect("utf-8");
    let deep = format!(
        "tags: {}{}\nbriefing:",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let text = base.replacen("briefing:", &deep, 1);
    let run = validate_bytes("scenarios/deeply-nested.yaml", text);
    let p = only_error(&run, "scenarios/deeply-nested.yaml:42:", &[], &[]);
    assert!(
        ["nest", "depth", "recursion"]
            .iter()
            .any(|w| p.head.contains(w)),
        "the message should say the nesting is too deep:\n{}",
        p.head
    );
    assert!(p.fix.is_some(), "no `= fix:` line:\n{}", p.head);
}

// ----------------------------------------------------------------------------- references

#[test]
fn unknown_persona_kind_suggests_the_right_one() {
    let run = validate("scenarios/unknown-persona-kind.yaml");
    only_error(
        &run,
        "scenarios/unknown-persona-kind.yaml:4:7: error:",
        &["unknown persona `wiling`"],
        &["did you mean `willing`?"],
    );
}

#[test]
fn unknown_rubric_suggests_the_right_one() {
    let run = validate("scenarios/unknown-rubric.yaml");
    only_error(
        &run,
        "scenarios/unknown-rubric.yaml:6:9: error:",
        &["unknown rubric `us-fdpca`"],
        &["did you mean `us-fdcpa`?"],
    );
}

#[test]
fn unknown_act_in_a_rubric_check_suggests_the_right_one() {
    let run = validate("rubrics/unknown-act-in-check.yaml");
    only_error(
        &run,
        "rubrics/unknown-act-in-check.yaml:17:28: error:",
        &["unknown act `identfy_self`"],
        &["did you mean `identify_self`?"],
    );
}

#[test]
fn a_denied_risk_names_a_compliant_act_that_exists() {
    let run = validate("intents/negated-as-unknown.yaml");
    only_error(
        &run,
        "intents/negated-as-unknown.yaml:4:17: error:",
        &["unknown act `explain_consequnce`"],
        &["did you mean `explain_consequence`?"],
    );
    let run = validate("intents/negated-as-risky.yaml");
    only_error(
        &run,
        "intents/negated-as-risky.yaml:4:17: error:",
        &["`negated_as: threat_violence`", "only as a compliant act"],
        &["name a compliant act"],
    );
}

/// The act model's labelled lines are `acts | text`: a line with no bar, and an act the
/// catalogue does not have, are pointed at where they are in a block scalar.
#[test]
fn a_labelled_line_is_acts_a_bar_and_text_with_acts_that_exist() {
    let run = validate("intents/labelled-no-bar.yaml");
    only_error(
        &run,
        "intents/labelled-no-bar.yaml:6:9: error:",
        &[
            "request_payment can you pay 200 by friday",
            "is not `acts | text`",
        ],
        &["then \" | \""],
    );
    snapshot("broken_labelled_no_bar", &run.stdout);
    let run = validate("intents/labelled-unknown-act.yaml");
    only_error(
        &run,
        "intents/labelled-unknown-act.yaml:6:15: error:",
        &["unknown act `requst_payment`"],
        &["did you mean `request_payment`?"],
    );
}

#[test]
fn an_act_left_out_of_reports_is_compliant_and_beside_an_act_that_exists() {
    let run = validate("intents/unreported-beside-unknown.yaml");
    only_error(
        &run,
        "intents/unreported-beside-unknown.yaml:3:25: error:",
        &["unknown act `hardship_referal`"],
        &["did you mean `hardship_referral`?"],
    );
    let run = validate("intents/unreported-risky.yaml");
    only_error(
        &run,
        "intents/unreported-risky.yaml:4:29: error:",
        &[
            "`unreported_beside_risk`",
            "risky act `test_threat_of_towing`",
        ],
        &["remove `unreported_beside_risk`"],
    );
}

#[test]
fn unknown_scenario_in_an_exam_suggests_the_right_one() {
    let run = validate("exams/unknown-scenario.yaml");
    only_error(
        &run,
        "exams/unknown-scenario.yaml:5:9: error:",
        &["unknown scenario `en-wiling-personal-loan`"],
        &["did you mean `en-willing-personal-loan`?"],
    );
    snapshot("broken_unknown_scenario_in_exam", &run.stdout);
}

#[test]
fn duplicate_id_across_two_files() {
    let first = "scenarios/duplicate-id-first.yaml";
    let second = "scenarios/duplicate-id-second.yaml";
    let run = Test::new()
        .file(first, fixture(first))
        .file(second, fixture(second))
        .args(["validate", first, second])
        .run();
    only_error(
        &run,
        "scenarios/duplicate-id-second.yaml:1:5: error:",
        &["duplicate scenario id `broken-dup`"],
        &["scenarios/duplicate-id-first.yaml:1:5"],
    );
    snapshot("broken_duplicate_id_across_files", &run.stdout);
}

// ------------------------------------------------------------------- contradictory facts

#[test]
fn balance_is_not_principal_plus_interest_plus_fees() {
    let run = validate("scenarios/balance-not-sum-of-parts.yaml");
    only_error(
        &run,
        "scenarios/balance-not-sum-of-parts.yaml:20:12: error:",
        &["balance 6240", "5620", "545.18", "75"],
        &["set `balance: 6240.18`"],
    );
    snapshot("broken_balance_not_sum_of_parts", &run.stdout);
}

#[test]
fn days_past_due_does_not_match_due_date_and_call_date() {
    let run = validate("scenarios/days-past-due-mismatch.yaml");
    only_error(
        &run,
        "scenarios/days-past-due-mismatch.yaml:23:18: error:",
        &["days_past_due is 30", "34 days"],
        &["set `days_past_due: 34`"],
    );
}

#[test]
fn weekday_does_not_match_the_date() {
    let run = validate("scenarios/wrong-weekday.yaml");
    only_error(
        &run,
        "scenarios/wrong-weekday.yaml:38:12: error:",
        &["2026-11-03 is a tuesday, not a wednesday"],
        &["weekday: tuesday"],
    );
    snapshot("broken_wrong_weekday", &run.stdout);
}

#[test]
fn unauthorised_fee_points_at_the_fee() {
    let run = validate("scenarios/unauthorised-fee.yaml");
    only_error(
        &run,
        "scenarios/unauthorised-fee.yaml:19:14: error:",
        &["collection_fee", "authori"],
        &["authorized_fees"],
    );
}

#[test]
fn settlement_floor_above_one() {
    let run = validate("scenarios/settlement-floor-above-one.yaml");
    only_error(
        &run,
        "scenarios/settlement-floor-above-one.yaml:31:21: error:",
        &["settlement_floor 1.5"],
        &["0.7"],
    );
}

#[test]
fn impostor_who_answers_like_the_account() {
    let run = validate("scenarios/impostor-answers-match-identity.yaml");
    only_error(
        &run,
        "scenarios/impostor-answers-match-identity.yaml:8:9: error:",
        &["impostor"],
        &["persona.answers"],
    );
}

#[test]
fn third_party_answerer_without_third_party_section() {
    let run = validate("scenarios/third-party-without-section.yaml");
    only_error(
        &run,
        "scenarios/third-party-without-section.yaml:5:11: error:",
        &["third_party"],
        &["third_party: {relation:"],
    );
}

// ---------------------------------------------------------------- missing translations

#[test]
fn rubric_rule_advice_without_zh() {
    let run = validate("rubrics/advice-without-zh.yaml");
    only_error(
        &run,
        "rubrics/advice-without-zh.yaml:15:7: error:",
        &["`advice` is missing its `zh` translation"],
        &["add `zh: ...` under `advice`"],
    );
    snapshot("broken_advice_without_zh", &run.stdout);
}

#[test]
fn rubric_advice_with_an_unknown_placeholder() {
    let run = validate("rubrics/advice-unknown-placeholder.yaml");
    only_error(
        &run,
        "rubrics/advice-unknown-placeholder.yaml:16:11: error:",
        &["unknown placeholder `{balanse}`"],
        &["did you mean `{balance}`?"],
    );
}

#[test]
fn explanation_template_with_an_unknown_placeholder() {
    let run = validate("intents/detail-unknown-placeholder.yaml");
    only_error(
        &run,
        "intents/detail-unknown-placeholder.yaml:9:9: error:",
        &["unknown placeholder `{actaul}`"],
        &["did you mean `{actual}`?"],
    );
    snapshot("broken_detail_unknown_placeholder", &run.stdout);
}

#[test]
fn explanation_template_with_an_unknown_id_or_one_language() {
    let run = validate_bytes(
        "intents/details-mine.yaml",
        "details:\n  fact_mismach:\n    en: \"stated {what} {stated}\"\n    zh: \"所述{what} {stated}\"\n  outside_hours:\n    en: \"called at {time}\"\n",
    );
    failed_cleanly(&run);
    let problems = rendered(&run.stdout);
    let heads: Vec<&str> = problems.iter().map(|p| p.head.as_str()).collect();
    assert_eq!(problems.len(), 2, "{heads:?}");
    assert!(
        heads[0].starts_with(
            "intents/details-mine.yaml:2:3: error: unknown `details` id `fact_mismach`"
        ),
        "{heads:?}"
    );
    assert_eq!(
        problems[0].fix.as_deref(),
        Some("did you mean `fact_mismatch`?")
    );
    assert!(
        heads[1].contains("`details.outside_hours` is missing its `zh` translation"),
        "{heads:?}"
    );
}

/// A shipped `intents/` file with one entry (`  id:` and the lines indented under it) taken
/// out, to stand in place of the shipped file.
fn shipped_without(rel: &str, id: &str) -> String {
    let shipped = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"));
    let head = format!("  {id}:");
    let mut skip = false;
    let cut: String = shipped
        .lines()
        .filter(|l| {
            if l.starts_with(&head) {
                skip = true;
                return false;
            }
            if skip && l.starts_with("    ") {
                return false;
            }
            skip = false;
            true
        })
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(cut.len() < shipped.len(), "{rel} has no `{id}`");
    cut
}

#[test]
fn a_library_without_an_explanation_the_grader_uses_is_refused() {
    let cut = shipped_without("intents/details.yaml", "no_payment_date");
    let run = validate_bytes("intents/details.yaml", cut);
    only_error(
        &run,
        "intents/details.yaml:12:1: error:",
        &["`details` has no `no_payment_date`, which the grader uses"],
        &["add `no_payment_date:` with `en:` and `zh:`"],
    );
}

#[test]
fn a_third_party_persona_without_words_for_a_relation_is_refused() {
    let cut = shipped_without("personas/third_party.yaml", "friend");
    let run = validate_bytes("personas/third_party.yaml", cut);
    only_error(
        &run,
        "personas/third_party.yaml:3:5: error:",
        &["a third-party persona needs `relations:` words for friend"],
        &["add `relations: {friend: {en: ..., zh: ...}}`"],
    );
}

#[test]
fn a_library_without_an_interface_word_is_refused() {
    // The session's help, a multi-line entry, taken out of the shipped interface words.
    let cut = shipped_without("intents/interface.yaml", "help");
    let run = validate_bytes("intents/interface.yaml", cut);
    only_error(
        &run,
        "intents/interface.yaml:52:1: error:",
        &["`practice` has no `help`, which the practice session uses"],
        &["add `help:` with `en:` and `zh:` under `practice:`"],
    );
}

#[test]
fn an_unknown_or_half_translated_interface_word_is_named_where_it_is() {
    let run = validate_bytes(
        "intents/mine.yaml",
        "briefing:\n  balanse: {en: \"Owed\", zh: \"欠款\"}\npractice:\n  hint: {en: \"hint: {advise}\", zh: \"提示：{advice}\"}\n  start: {en: \"Go ahead.\"}\n",
    );
    failed_cleanly(&run);
    run.stdout_has("intents/mine.yaml:2:3: error: unknown `briefing` id `balanse`")
        .stdout_has("did you mean `balance`?")
        .stdout_has("intents/mine.yaml:4:")
        .stdout_has("unknown placeholder `{advise}`")
        .stdout_has("`practice.start` is missing its `zh` translation");
}

#[test]
fn a_library_without_a_command_line_message_is_refused() {
    let cut = shipped_without("intents/messages.yaml", "test_summary");
    let run = validate_bytes("intents/messages.yaml", cut);
    only_error(
        &run,
        "intents/messages.yaml:13:1: error:",
        &["`messages` has no `test_summary`, which the command line uses"],
        &[
            "add `test_summary:` with `en:` and `zh:` under `messages:`",
            "{passed}, {failed}",
        ],
    );
}

/// A trainer's own words for the command line are checked where they are written: an id the
/// program does not use, a placeholder the id does not fill, a missing translation.
#[test]
fn a_trainers_message_file_is_checked_at_line_and_column() {
    let run = Test::new()
        .file(
            "mine/intents/my-words.yaml",
            "messages:\n  test_summry: {en: \"{passed} good\", zh: \"{passed} 个好\"}\n  test_ok: {en: \"fine {fil}\", zh: \"好 {file}\"}\n  wrote: {en: \"saved {file}\"}\n",
        )
        .args(["--content", "mine", "validate"])
        .run();
    failed_cleanly(&run);
    run.stdout_has("mine/intents/my-words.yaml:2:3: error: unknown `messages` id `test_summry`: the command line never uses it")
        .stdout_has("= fix: did you mean `test_summary`?")
        .stdout_has("mine/intents/my-words.yaml:3:")
        .stdout_has("unknown placeholder `{fil}`")
        .stdout_has("mine/intents/my-words.yaml:4:")
        .stdout_has("`messages.wrote` is missing its `zh` translation");
}

#[test]
fn persona_reply_variant_with_only_en() {
    let run = validate("personas/reply-variant-only-en.yaml");
    only_error(
        &run,
        "personas/reply-variant-only-en.yaml:9:12: error:",
        &["`en` lines but no `zh` lines"],
        &["add `zh:`"],
    );
}

#[test]
fn act_with_en_examples_only() {
    let run = validate("intents/examples-en-only.yaml");
    only_error(
        &run,
        "intents/examples-en-only.yaml:5:12: error:",
        &["`examples` has `en` lines but no `zh` lines"],
        &["add `zh:` lines"],
    );
}

// ---------------------------------------------------------------------- acts and personas

#[test]
fn example_listed_under_two_acts() {
    let run = validate("intents/example-under-two-acts.yaml");
    only_error(
        &run,
        "intents/example-under-two-acts.yaml:10:12: error:",
        &["test_offer_receipt", "test_send_statement"],
        &["one act"],
    );
}

#[test]
fn invalid_regex_in_an_act_cue() {
    let run = validate("intents/invalid-regex-in-cue.yaml");
    only_error(
        &run,
        "intents/invalid-regex-in-cue.yaml:8:25: error:",
        &["invalid regular expression", "unclosed group"],
        &["single quotes"],
    );
}

/// A pattern waiting for an index placeholder (`\{amount\}`) never matches: cues read the line as
/// typed. Validation warns where it is written, and the content still loads.
#[test]
fn a_pattern_waiting_for_a_placeholder_is_warned_about() {
    let run = validate_bytes(
        "intents/cues-mine.yaml",
        "cues:\n  request_payment:\n    - patterns:\n        en: ['\\bcould (you|u) do \\{amount\\} by friday']\n",
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.success();
    problem(
        &run,
        "intents/cues-mine.yaml:4:14: warning:",
        &["the pattern waits for `{amount}`", "it can never match"],
        &["match what is typed instead"],
    );
}

/// Cue groups added to an act from another file (`cues:` by act id) are checked like the act's own:
/// the act must exist, a risky act's group needs a rule id, patterns must compile.
#[test]
fn cue_groups_for_an_act_defined_elsewhere_are_checked() {
    let run = validate_bytes(
        "intents/cues-mine.yaml",
        "cues:\n  threat_violnce:\n    - keywords:\n        en: [\"hunt you\"]\n  threat_violence:\n    - keywords:\n        en: [\"hunt you\"]\n    - rule: risk.violence.mine\n      patterns:\n        en: ['(unclosed']\n",
    );
    failed_cleanly(&run);
    let problems = rendered(&run.stdout);
    let heads: Vec<&str> = problems.iter().map(|p| p.head.as_str()).collect();
    assert_eq!(problems.len(), 3, "{heads:?}");
    assert!(
        heads
            .iter()
            .any(|h| h
                .starts_with("intents/cues-mine.yaml:3:5: error: unknown act `threat_violnce`")),
        "{heads:?}"
    );
    assert!(
        heads.iter().any(|h| h.starts_with("intents/cues-mine.yaml:7:14: error: a cue of risky act `threat_violence` has no `rule` id")),
        "{heads:?}"
    );
    assert!(
        heads
            .iter()
            .any(|h| h.starts_with("intents/cues-mine.yaml:10:14: error:")
                && h.contains("invalid regular expression")),
        "{heads:?}"
    );
}

/// A cue pattern's `{slot}` takes every filler of that slot (a known one validates and the analyser
/// uses it); an unknown slot is reported where the pattern is written, with the slots there are.
#[test]
fn pattern_slots_expand_and_an_unknown_one_is_reported() {
    let good = "slots:\n  home:\n    en: ['house', 'office']\n    zh: ['家', '单位']\ncues:\n  harassment:\n    - rule: risk.harassment.mine\n      patterns:\n        en: ['\\bparked outside (your|ur) {home}\\b']\n        zh: ['在(你|您){home}楼下蹲']\n";
    let run = Test::new()
        .file("intents/slots-mine.yaml", good)
        .args([
            "--content",
            ".",
            "analyze",
            "--json",
            "--lang",
            "en",
            "we got a guy parked outside ur office",
        ])
        .run();
    run.exit(0);
    assert!(
        run.stdout.contains("risk.harassment.mine"),
        "the slot frame did not fire:\n{}{}",
        run.stdout,
        run.stderr
    );
    let bad = good.replace("{home}\\b", "{hom}\\b");
    let run = validate_bytes("intents/slots-mine.yaml", bad);
    only_error(
        &run,
        "intents/slots-mine.yaml:9:",
        &["unknown slot `{hom}`"],
        &["{home}"],
    );
}

#[test]
fn invalid_regex_in_a_rubric_trigger() {
    let run = validate("rubrics/invalid-regex-in-trigger.yaml");
    only_error(
        &run,
        "rubrics/invalid-regex-in-trigger.yaml:17:39: error:",
        &["invalid regular expression", "unclosed group"],
        &["single quotes"],
    );
}

#[test]
fn unknown_placeholder_in_a_chinese_persona_reply() {
    let run = validate("personas/unknown-placeholder.yaml");
    let p = only_error(
        &run,
        "personas/unknown-placeholder.yaml:10:21: error:",
        &["unknown placeholder `{nmae}`"],
        &["did you mean `{name}`?"],
    );
    // `      zh: ["喂，你好？", ` is 25 columns wide: the caret must start under the second quote.
    assert!(
        p.block.contains(&format!("   | {}^", " ".repeat(25))),
        "caret misaligned after CJK text:\n{}",
        p.block
    );
    snapshot("broken_unknown_placeholder_zh", &run.stdout);
}

#[test]
fn unknown_situation_key_in_persona_replies() {
    let run = validate("personas/unknown-situation-key.yaml");
    only_error(
        &run,
        "personas/unknown-situation-key.yaml:8:3: error:",
        &["unknown variant `openning`"],
        &["did you mean `opening`?"],
    );
}

// ------------------------------------------------------------------------------ id, dates

#[test]
fn invalid_id_characters() {
    let run = validate("scenarios/invalid-id-characters.yaml");
    only_error(
        &run,
        "scenarios/invalid-id-characters.yaml:1:5: error:",
        &["`Broken_Base!` is not a valid id"],
        &["lower-case"],
    );
}

#[test]
fn invalid_date_september_31() {
    let run = validate("scenarios/invalid-date.yaml");
    only_error(
        &run,
        "scenarios/invalid-date.yaml:22:13: error:",
        &["`account.due_date` is `2026-09-31`, not a date"],
        &["YYYY-MM-DD"],
    );
}

#[test]
fn invalid_time_75_minutes() {
    let run = validate("scenarios/invalid-time.yaml");
    only_error(
        &run,
        "scenarios/invalid-time.yaml:37:15: error:",
        &["`12:75` is not a time"],
        &["HH:MM"],
    );
}

// ------------------------------------------------------------------------ bytes and size

#[test]
fn byte_order_mark_is_only_a_warning() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fixture("scenarios/valid-base.yaml"));
    let run = validate_bytes("scenarios/with-bom.yaml", bytes);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.success();
    problem(
        &run,
        "scenarios/with-bom.yaml:1:1: warning:",
        &["the file starts with a byte-order mark (BOM)"],
        &["UTF-8 without BOM"],
    );
    snapshot("broken_bom_warning", &run.stdout);
}

#[test]
fn empty_file() {
    let run = validate("scenarios/empty-file.yaml");
    only_error(
        &run,
        "scenarios/empty-file.yaml:1:1: error:",
        &["the file is empty"],
        &["collectsim new scenario"],
    );
    snapshot("broken_empty_file", &run.stdout);
}

#[test]
fn ten_megabyte_file_is_refused_by_size_quickly() {
    let mut bytes = fixture("scenarios/valid-base.yaml");
    bytes.extend(b"# ");
    bytes.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    bytes.push(b'\n');
    let started = Instant::now();
    let run = validate_bytes("scenarios/ten-megabytes.yaml", bytes);
    let took = started.elapsed();
    // A whole-file problem is reported at 1:1, like an empty file: line 0 is no position.
    only_error(
        &run,
        "scenarios/ten-megabytes.yaml:1:1: error:",
        &["bytes", "limited to 1048576"],
        &["split"],
    );
    assert!(
        took < Duration::from_secs(20),
        "refusing by size took {took:?}"
    );
}

#[test]
fn binary_nul_byte_is_located() {
    let base = fixture("scenarios/valid-base.yaml");
    let text = String::from_utf8(base).expect("utf-8");
    // Line 8 is `  name: Maria Alvarez`; the NUL lands at column 14.
    let bytes = text.replacen("Maria Alvarez", "Maria\0Alvarez", 1);
    let run = validate_bytes("scenarios/binary.yaml", bytes);
    only_error(
        &run,
        "scenarios/binary.yaml:8:14: error:",
        &["binary", "NUL"],
        &["text"],
    );
}

#[test]
fn invalid_utf8_gbk_bytes_are_located() {
    let text = String::from_utf8(fixture("scenarios/valid-base.yaml")).expect("utf-8");
    // 刘先生 in GBK; line 9 is `  address_as: ...`, the value starts at column 15.
    let (before, after) = text.split_once("Ms. Alvarez").expect("address_as");
    let mut bytes = before.as_bytes().to_vec();
    bytes.extend([0xC1, 0xF5, 0xCF, 0xC8, 0xC9, 0xFA]);
    bytes.extend(after.as_bytes());
    let run = validate_bytes("scenarios/gbk.yaml", bytes);
    only_error(
        &run,
        "scenarios/gbk.yaml:9:15: error:",
        &["not valid UTF-8"],
        &["UTF-8", "GBK"],
    );
}

/// The classic "billion laughs": nine levels of nine aliases at the top of the file.
fn billion_laughs() -> String {
    let mut text = String::from(
        "id: broken-bomb\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        text.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    text.push_str("tags: *i\n");
    text
}

#[test]
fn alias_bomb_billion_laughs_is_refused() {
    let run = validate_bytes("scenarios/billion-laughs.yaml", billion_laughs());
    failed_cleanly(&run);
    assert!(
        rendered(&run.stdout)
            .iter()
            .any(|p| p.head.starts_with("scenarios/billion-laughs.yaml:")),
        "no located problem:\n{}",
        run.stdout
    );
}

#[test]
fn alias_bomb_flood_is_refused_by_the_alias_budget() {
    let refs = vec!["*lol"; 5_000].join(",");
    let text = format!("id: broken-bomb\ntitle: &lol \"lol lol lol lol lol\"\ntags: [{refs}]\n");
    let run = validate_bytes("scenarios/alias-flood.yaml", text);
    let p = only_error(&run, "scenarios/alias-flood.yaml:3:", &[], &["alias"]);
    assert!(
        p.head.contains("alias") || p.head.contains("budget"),
        "the message should name the alias budget:\n{}",
        p.head
    );
}
