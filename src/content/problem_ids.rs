//! The ids of what content validation says (a problem's message and its fix, `messages:` in
//! intents/messages.yaml) with the placeholders each fills; words such as `kind_*` and `user_*`
//! fill a placeholder of another id in the same language.

pub const IDS: &[(&str, &[&str])] = &[
    ("check_id_invalid", &["id"]),
    ("check_id_invalid_fix", &[]),
    ("check_translation_missing", &["field", "lang"]),
    ("check_translation_missing_fix", &["lang", "field"]),
    ("check_lines_missing", &["field", "other", "lang"]),
    ("check_lines_missing_fix", &["lang", "other"]),
    ("check_regex_invalid", &["error"]),
    ("check_regex_invalid_fix", &[]),
    ("check_pattern_placeholder", &["placeholder"]),
    ("check_pattern_placeholder_fix", &[]),
    ("check_brace_unclosed", &["brace"]),
    ("check_brace_unclosed_fix", &["example"]),
    ("check_placeholder_unknown", &["placeholder"]),
    ("check_did_you_mean", &["id"]),
    ("check_use_one_of", &["known"]),
    ("check_example_two_acts", &["example", "first", "second"]),
    ("check_labelled_form", &["line"]),
    ("check_labelled_form_fix", &[]),
    ("check_example_two_acts_fix", &[]),
    ("check_example_twice", &["example", "act"]),
    ("check_example_twice_fix", &[]),
    ("check_act_unrecognisable", &["act"]),
    ("check_act_unrecognisable_fix", &[]),
    ("check_risky_act_category", &["act", "category"]),
    ("check_risky_act_category_fix", &[]),
    ("check_negated_as", &["act", "target"]),
    ("check_negated_as_fix", &[]),
    ("check_unreported_risky", &["act"]),
    ("check_unreported_risky_fix", &[]),
    ("check_unreported_beside_itself", &["act"]),
    ("check_unreported_beside_itself_fix", &[]),
    ("check_cue_no_rule", &["act"]),
    ("check_cue_no_rule_fix", &[]),
    ("check_keyword_empty", &[]),
    ("check_keyword_empty_fix", &[]),
    ("check_keyword_capitals", &["keyword"]),
    ("check_keyword_capitals_fix", &["keyword"]),
    ("check_exam_no_calls", &[]),
    ("check_exam_no_calls_fix", &[]),
    (
        "check_exam_scenario_lang",
        &["scenario", "lang", "exam_lang"],
    ),
    ("check_exam_scenario_lang_fix", &[]),
    ("check_pass_mark", &["mark"]),
    ("check_pass_mark_fix", &[]),
    ("check_exam_no_attempts", &[]),
    ("check_exam_no_attempts_fix", &[]),
    ("check_anger", &["level"]),
    ("check_anger_fix", &[]),
    ("check_evasion", &["level"]),
    ("check_evasion_fix", &[]),
    ("check_no_replies", &["persona"]),
    ("check_no_replies_fix", &[]),
    ("check_meter_missing", &["name"]),
    ("check_meter_missing_fix", &["name", "lo", "hi"]),
    ("check_meter_range", &["name", "value", "lo", "hi"]),
    ("check_meter_range_fix", &["lo", "hi"]),
    ("check_reply_lines_missing", &["present", "missing"]),
    ("check_reply_lines_missing_fix", &["missing"]),
    ("check_trust_bounds", &["lo", "hi"]),
    ("check_trust_bounds_fix", &[]),
    ("check_relations_missing", &["relations"]),
    ("check_relations_missing_fix", &["example"]),
    ("check_weights_zero", &[]),
    ("check_weights_zero_fix", &[]),
    ("check_weights_total", &["total"]),
    ("check_weights_total_fix", &[]),
    ("check_rule_duplicate", &["id"]),
    ("check_rule_duplicate_fix", &["line"]),
    ("check_points", &[]),
    ("check_points_fix", &[]),
    ("check_forbid_empty", &[]),
    ("check_forbid_empty_fix", &[]),
    ("check_time_invalid", &["value"]),
    ("check_time_window_fix", &[]),
    ("check_override_lines", &["lang"]),
    ("check_override_lines_fix", &["lang"]),
    ("check_third_party_missing", &[]),
    ("check_third_party_missing_fix", &["example"]),
    ("check_third_party_unused", &[]),
    ("check_third_party_unused_fix", &[]),
    ("check_impostor_same", &[]),
    ("check_impostor_same_fix", &[]),
    ("check_amount_negative", &["name"]),
    ("check_amount_negative_fix", &[]),
    (
        "check_balance_sum",
        &["balance", "principal", "interest", "fees", "expected"],
    ),
    ("check_balance_sum_fix", &["balance"]),
    ("check_minimum_payment", &[]),
    ("check_minimum_payment_fix", &[]),
    ("check_fee_unauthorised", &["fee"]),
    ("check_fee_unauthorised_fix", &["fee"]),
    ("check_date_invalid", &["name", "value"]),
    ("check_date_invalid_fix", &[]),
    ("check_local_time_fix", &[]),
    ("check_days_past_due", &["given", "date", "days", "due"]),
    ("check_days_past_due_fix", &["days"]),
    ("check_weekday", &["date", "actual", "weekday"]),
    ("check_weekday_fix", &["actual"]),
    ("check_settlement_floor", &["value"]),
    ("check_settlement_floor_fix", &[]),
    ("check_max_instalments", &[]),
    ("check_max_instalments_fix", &[]),
    ("check_min_first_payment", &[]),
    ("check_min_first_payment_fix", &[]),
    ("check_waivable_fee", &[]),
    ("check_waivable_fee_fix", &[]),
    ("check_capacity_negative", &[]),
    ("check_capacity_negative_fix", &[]),
    ("check_id_last4", &["value"]),
    ("check_id_last4_fix", &[]),
    ("check_text_empty", &["field"]),
    ("check_text_empty_fix", &["field"]),
    ("check_text_language", &["field", "lang"]),
    ("check_text_language_fix", &[]),
    ("check_map_id_unknown", &["field", "id", "user"]),
    ("check_map_id_missing", &["field", "id", "user"]),
    ("check_map_id_missing_fix", &["id", "field"]),
    ("check_map_id_missing_fix_slots", &["id", "field", "slots"]),
    ("user_grader", &[]),
    ("user_debrief", &[]),
    ("user_briefing", &[]),
    ("user_practice", &[]),
    ("user_certificate", &[]),
    ("user_command_line", &[]),
    ("user_call", &[]),
    ("load_kind_unknown", &[]),
    ("load_kind_unknown_fix", &[]),
    ("load_bom", &[]),
    ("load_bom_fix", &[]),
    ("load_empty", &[]),
    ("load_empty_fix", &[]),
    ("load_binary", &["offset"]),
    ("load_binary_fix", &[]),
    ("load_not_utf8", &["offset"]),
    ("load_not_utf8_fix", &[]),
    ("load_too_large", &["bytes", "max"]),
    ("load_too_large_fix", &[]),
    ("load_id_duplicate", &["what", "id"]),
    ("load_id_duplicate_fix", &["id", "at"]),
    ("load_id_unknown", &["what", "id"]),
    ("load_define_first", &["what"]),
    ("kind_act", &[]),
    ("kind_persona", &[]),
    ("kind_rubric", &[]),
    ("kind_scenario", &[]),
    ("kind_exam", &[]),
    ("kind_explanation", &[]),
    ("load_scoring_fix", &[]),
    ("load_scoring_second", &["first"]),
    ("load_scoring_second_fix", &[]),
    ("scoring_key_unknown", &["field", "key", "known"]),
    ("scoring_entity_unknown", &["topic", "entity"]),
    ("scoring_risk_unknown", &["category"]),
    ("scoring_gap_unknown", &["key", "known"]),
    ("scoring_gap_missing", &["key", "example"]),
    ("slot_unknown", &["slot"]),
    ("slot_no_fillers", &["slot"]),
    ("slot_too_deep", &["slot", "depth"]),
    ("slot_define_fix", &["example"]),
    ("slot_define_known_fix", &["lang", "known"]),
    ("yaml_error", &["error"]),
    ("yaml_invalid_for_key", &["error", "key"]),
    ("yaml_unclosed_quote", &[]),
    ("yaml_documents", &[]),
    ("yaml_fix_known_names", &["what", "known"]),
    ("yaml_fields", &[]),
    ("yaml_variants", &[]),
    ("yaml_fix_duplicate_key", &[]),
    ("yaml_fix_documents", &[]),
    ("yaml_fix_colon", &[]),
    ("yaml_fix_depth", &[]),
    ("yaml_fix_tab", &[]),
    ("yaml_fix_quote", &[]),
    ("yaml_fix_missing_field", &[]),
    ("yaml_fix_aliases", &[]),
    ("yaml_fix_type", &[]),
    ("yaml_fix_type_indent", &[]),
    ("yaml_fix_end", &[]),
    ("test_file_empty", &[]),
    ("test_file_no_steps", &["n"]),
    ("test_file_reply_regex", &["error"]),
    ("test_file_not_utf8", &[]),
    ("test_file_error", &["error"]),
    ("transcript_not_utf8", &[]),
    ("transcript_not_utf8_fix", &[]),
    ("transcript_json", &["error"]),
    ("transcript_json_fix", &["shape"]),
];

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::lang::Lang;
    use crate::report::messages::{Say, all_ids};

    /// Every `.rs` file under src/ with its text.
    fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read source");
                out.push((path.display().to_string(), text));
            }
        }
    }

    fn all_sources() -> Vec<(String, String)> {
        let mut out = Vec::new();
        sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
        out
    }

    /// The `{name}`s a text uses.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut names: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(n, _)| n))
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    #[test]
    fn every_message_id_in_the_code_is_declared() {
        let declared: Vec<&str> = all_ids().iter().map(|(id, _)| *id).collect();
        let mut used = 0;
        for (path, text) in all_sources() {
            for rest in text.split("Message::new(\"").skip(1) {
                let id = rest.split('"').next().unwrap_or_default();
                assert!(
                    declared.contains(&id),
                    "{path}: `{id}` is not in report::messages::IDS or content::problem_ids::IDS"
                );
                used += 1;
            }
        }
        assert!(used > 150, "only {used} uses found");
    }

    #[test]
    fn every_problem_id_is_used_by_the_code() {
        let sources = all_sources();
        for (id, _) in super::IDS {
            let literal = format!("\"{id}\"");
            assert!(
                sources.iter().any(
                    |(path, text)| !path.ends_with("problem_ids.rs") && text.contains(&literal)
                ),
                "`{id}` is declared but no code says it"
            );
        }
    }

    /// The shipped file has every problem id in both languages, each language with the same
    /// placeholders, and only the ones declared.
    #[test]
    fn every_problem_id_is_shipped_in_both_languages_with_the_same_placeholders() {
        let (en, zh) = (Say::shipped(Lang::En), Say::shipped(Lang::Zh));
        for (id, declared) in super::IDS {
            let (en_text, zh_text) = (en.get(id), zh.get(id));
            assert_ne!(en_text, "?", "{id} has no English");
            assert_ne!(zh_text, "?", "{id} has no Chinese");
            // Only a text that is all placeholders (a value said elsewhere) reads the same.
            let bare = placeholders(en_text)
                .iter()
                .fold(en_text.to_string(), |t, p| {
                    t.replace(&format!("{{{p}}}"), "")
                });
            if !bare.trim().is_empty() {
                assert_ne!(en_text, zh_text, "{id} is not translated");
            }
            let mut declared = declared.to_vec();
            declared.sort_unstable();
            assert_eq!(placeholders(en_text), declared, "{id} in English");
            assert_eq!(placeholders(zh_text), declared, "{id} in Chinese");
        }
    }
}
