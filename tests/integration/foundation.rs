//! The foundation commands through the real binary: validate, list, show, schema, new, and the
//! trainer's own content folder (`--content DIR`, `COLLECTSIM_CONTENT`).

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::harness::{Test, snapshot};

const BORROWER_KINDS: [&str; 6] = [
    "informed",
    "willing",
    "delinquent",
    "refusing",
    "emotional",
    "fraudulent",
];
const LANGS: [&str; 2] = ["en", "zh"];
const SCHEMAS: [&str; 5] = ["scenario", "persona", "rubric", "acts", "exam"];

/// A complete English scenario (every optional field set, so every card line shows).
const CARD_EN: &str = r#"id: card-en-willing
title: Nurse whose hours were cut wants to catch up
lang: en
kind: willing
difficulty: easy
answerer: borrower
rubric: us-fdcpa
persona:
  name: Maria Alvarez
  address_as: Ms. Alvarez
  age: 38
  backstory: Her clinic lost a county contract and cut her hours in September.
  capacity: {now: 200, monthly: 210}
  hardship: [Her hours were cut from 40 to 28 a week.]
account:
  creditor: Harborview Lending
  agency: Acme Recovery Services
  product: personal_loan
  reference: "2290"
  principal: 5620.00
  interest: 545.18
  fees:
    - {kind: late_fee, amount: 75.00}
  balance: 6240.18
  currency: USD
  due_date: "2026-09-30"
  days_past_due: 34
  minimum_payment: 312.00
consequences:
  credit_reporting: true
  lawsuit_authorized: false
  authorized_fees: [late_fee]
policy:
  max_instalments: 36
  min_first_payment: 180.00
  settlement_floor: 0.8
  waivable_fees: [late_fee]
  max_deferral_days: 30
identity:
  dob: "1988-05-02"
  id_last4: "7718"
  address: 4471 East Calle Serena, Tucson, AZ 85718
  phone: (520) 555-0187
context:
  date: "2026-11-03"
  local_time: "12:15"
  weekday: tuesday
  region: US-AZ
  first_contact: true
  attempt: 2
  calls_last_7_days: 1
briefing: |
  Maria Alvarez missed the September 30 instalment of $312.00; the balance is $6,240.18,
  34 days past due. Learn what she can pay and agree a plan within policy.
"#;

/// The same in Chinese: the card's labels are Chinese and must line up by display width.
const CARD_ZH: &str = r#"id: card-zh-willing
title: 电动车被偷、脚又扭伤的外卖骑手
lang: zh
kind: willing
answerer: borrower
rubric: cn-collection
persona:
  name: 刘强
  address_as: 刘先生
  age: 26
  backstory: 十月初电动车被偷，又扭伤了脚，三个星期没有收入。
  capacity: {now: 800, monthly: 1500}
  hardship: [电动车被偷，现在每天花二十块租车跑单。]
account:
  creditor: 川禾消费金融有限公司
  agency: 成都立信达信息咨询有限公司
  product: consumer_loan
  reference: "0716"
  principal: 9600.00
  interest: 720.00
  fees:
    - {kind: penalty_interest, amount: 186.40}
  balance: 10506.40
  currency: CNY
  due_date: "2026-10-20"
  days_past_due: 23
  minimum_payment: 1120.00
consequences:
  credit_reporting: true
  lawsuit_authorized: false
  authorized_fees: [penalty_interest]
policy:
  max_instalments: 12
  min_first_payment: 1000.00
  settlement_floor: 0.85
  waivable_fees: [penalty_interest]
  max_deferral_days: 15
identity:
  dob: "2000-03-08"
  id_last4: "5319"
  address: 成都市武侯区簇桥街道锦城花园3栋1单元704
  phone: "15982036147"
context:
  date: "2026-11-12"
  local_time: "14:30"
  weekday: thursday
  region: CN-SC
  first_contact: true
  attempt: 1
  calls_last_7_days: 0
briefing: |
  客户刘强逾期23天，欠款总额10,506.40元。
  核实本人后了解没还上的原因，在政策范围内定一个他能做到的方案。
"#;

fn list_json(args: &[&str]) -> Vec<Value> {
    let run = Test::new().args(["list", "--json"]).args(args).run();
    run.success();
    run.json()
        .as_array()
        .expect("list --json is an array")
        .clone()
}

fn field<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry[key]
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not a string in {entry}"))
}

// ------------------------------------------------------------------------------- validate

/// The gate: everything shipped validates, with no errors.
#[test]
fn validate_passes_on_everything_shipped() {
    let run = Test::new().args(["validate"]).run();
    assert!(
        run.code() == 0,
        "shipped content has problems:\n{}{}",
        run.stdout,
        run.stderr
    );
    run.stdout_has("all content checked: 0 error(s)");
}

// ---------------------------------------------------------------------------------- list

#[test]
fn library_has_every_kind_in_both_languages() {
    let list = list_json(&[]);
    assert!(
        list.len() >= 14,
        "only {} scenarios shipped (at least 14 expected)",
        list.len()
    );
    let pairs: BTreeSet<(String, String)> = list
        .iter()
        .map(|e| (field(e, "kind").to_string(), field(e, "lang").to_string()))
        .collect();
    let mut missing = Vec::new();
    for kind in BORROWER_KINDS {
        for lang in LANGS {
            if !pairs.contains(&(kind.to_string(), lang.to_string())) {
                missing.push(format!("{kind}/{lang}"));
            }
        }
    }
    for lang in LANGS {
        if !list
            .iter()
            .any(|e| field(e, "answerer") == "third_party" && field(e, "lang") == lang)
        {
            missing.push(format!("answerer third_party/{lang}"));
        }
    }
    assert!(
        missing.is_empty(),
        "no scenario for: {}",
        missing.join(", ")
    );
}

#[test]
fn list_json_entries_have_the_contract_fields() {
    for entry in list_json(&[]) {
        for key in ["id", "title", "lang", "kind", "answerer", "rubric"] {
            assert!(
                entry[key].as_str().is_some_and(|s| !s.is_empty()),
                "list entry lacks `{key}`: {entry}"
            );
        }
    }
}

#[test]
fn list_filters_by_kind_and_language() {
    let all = list_json(&[]);
    for kind in BORROWER_KINDS {
        let some = list_json(&["--kind", kind]);
        assert!(!some.is_empty(), "--kind {kind} lists nothing");
        assert!(some.len() < all.len(), "--kind {kind} does not filter");
        for e in &some {
            assert_eq!(field(e, "kind"), kind, "--kind {kind} listed {e}");
        }
    }
    for lang in LANGS {
        let some = list_json(&["--lang", lang]);
        assert!(!some.is_empty() && some.len() < all.len());
        assert!(some.iter().all(|e| field(e, "lang") == lang));
    }
    let both = list_json(&["--kind", "willing", "--lang", "zh"]);
    assert!(!both.is_empty());
    assert!(
        both.iter()
            .all(|e| field(e, "kind") == "willing" && field(e, "lang") == "zh")
    );
}

#[test]
fn list_rejects_an_unknown_kind() {
    Test::new()
        .args(["list", "--kind", "wiling"])
        .run()
        .exit(2)
        .stderr_has("did you mean `willing`?");
}

// ---------------------------------------------------------------------------------- show

#[test]
fn show_json_has_the_contract_fields() {
    for entry in list_json(&[]) {
        let id = field(&entry, "id");
        let run = Test::new().args(["show", id, "--json"]).run();
        run.success();
        let v = run.json();
        for key in ["id", "lang", "kind", "answerer"] {
            assert!(v[key].is_string(), "{id}: `{key}` missing in show --json");
        }
        assert_eq!(v["id"], entry["id"]);
        assert!(v["persona"]["name"].is_string(), "{id}: persona.name");
        assert!(
            v["account"]["balance"].is_number(),
            "{id}: account.balance must be a number"
        );
        assert!(v["account"]["currency"].is_string(), "{id}: currency");
        assert!(
            v["account"]["days_past_due"].is_u64(),
            "{id}: days_past_due"
        );
        assert!(v["account"]["creditor"].is_string(), "{id}: creditor");
        assert!(v["identity"].is_object(), "{id}: identity");
        assert!(v["context"].is_object(), "{id}: context");
    }
}

#[test]
fn show_unknown_id_suggests_the_closest() {
    let list = list_json(&[]);
    let id = field(&list[0], "id").to_string();
    // Drop one letter in the middle: a typo of a real id.
    let mut typo = id.clone();
    typo.remove(id.len() / 2);
    Test::new()
        .args(["show", &typo])
        .run()
        .exit(2)
        .stderr_has(&format!("unknown scenario `{typo}`"))
        .stderr_has(&format!("did you mean `{id}`?"));
}

#[test]
fn show_card_english() {
    let run = Test::new()
        .file("trainer/scenarios/card-en.yaml", CARD_EN)
        .args(["--content", "trainer", "show", "card-en-willing"])
        .run();
    run.success();
    snapshot("show_card_en", &run.stdout);
}

#[test]
fn show_card_chinese_aligns_by_display_width() {
    let run = Test::new()
        .file("trainer/scenarios/card-zh.yaml", CARD_ZH)
        .args(["--content", "trainer", "show", "card-zh-willing"])
        .run();
    run.success();
    // Every label/value line has its value starting at the same display column.
    use unicode_width::UnicodeWidthStr;
    let starts: BTreeSet<usize> = run
        .stdout
        .lines()
        .skip(2)
        .take_while(|l| !l.is_empty())
        .map(|l| {
            let label_end = l.find("  ").expect("label and value separated by spaces");
            let value_at = label_end + l[label_end..].len() - l[label_end..].trim_start().len();
            UnicodeWidthStr::width(&l[..value_at])
        })
        .collect();
    assert_eq!(
        starts.len(),
        1,
        "values do not start at one column:\n{}",
        run.stdout
    );
    snapshot("show_card_zh", &run.stdout);
}

// -------------------------------------------------------------------------------- schema

#[test]
fn schema_prints_json_schema_for_every_kind() {
    for kind in SCHEMAS {
        let run = Test::new().args(["schema", kind]).run();
        run.success();
        let v = run.json();
        assert!(
            v["properties"].is_object(),
            "schema {kind} has no properties"
        );
        assert!(v["$schema"].is_string(), "schema {kind} has no $schema");
    }
    Test::new()
        .args(["schema", "scenarios-typo"])
        .run()
        .exit(2)
        .stderr_has("unknown schema");
}

/// `docs/schema/*.json` are what editors read: they must match the structs the loader uses.
#[test]
fn committed_schemas_match_the_command() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for kind in SCHEMAS {
        let run = Test::new().args(["schema", kind]).run();
        run.success();
        let path = root.join("docs/schema").join(format!("{kind}.json"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == run.stdout,
            "{} is out of date; regenerate it with `collectsim schema {kind} > docs/schema/{kind}.json`",
            path.display()
        );
    }
}

// ----------------------------------------------------------------------------------- new

#[test]
fn new_scenario_validates_for_every_kind_and_language() {
    for kind in BORROWER_KINDS {
        for lang in LANGS {
            let id = format!("{lang}-{kind}-new-test");
            let file = format!("{id}.yaml");
            let run = Test::new()
                .args(["new", "scenario", "--kind", kind, "--lang", lang, &id])
                .run();
            run.success().stdout_has(&file);
            let text = std::fs::read_to_string(run.dir.join(&file)).expect("new wrote ID.yaml");
            assert!(text.contains(&format!("id: {id}")), "{file}:\n{text}");
            assert!(text.contains(&format!("kind: {kind}")), "{file}:\n{text}");
            let check = Test::new()
                .file(&file, &text)
                .args(["validate", file.as_str()])
                .run();
            assert!(
                check.code() == 0,
                "`new scenario --kind {kind} --lang {lang}` does not validate:\n{}{}",
                check.stdout,
                check.stderr
            );
            // It validates as the scenario it claims to be.
            let shown = Test::new()
                .file(&format!("trainer/scenarios/{file}"), &text)
                .args(["--content", "trainer", "show", &id, "--json"])
                .run();
            shown.success();
            let v = shown.json();
            assert_eq!(v["kind"], kind);
            assert_eq!(v["lang"], lang);
        }
    }
}

#[test]
fn new_scenario_never_overwrites() {
    let sentinel = "# my work, not to be lost\n";
    let run = Test::new()
        .file("en-mine.yaml", sentinel)
        .args([
            "new", "scenario", "--kind", "willing", "--lang", "en", "en-mine",
        ])
        .run();
    run.exit(2).stderr_has("already exists");
    let after = std::fs::read_to_string(run.dir.join("en-mine.yaml")).expect("still there");
    assert_eq!(after, sentinel, "the existing file was changed");
}

#[test]
fn new_scenario_rejects_an_invalid_id() {
    let run = Test::new()
        .args([
            "new", "scenario", "--kind", "willing", "--lang", "en", "Bad Id!",
        ])
        .run();
    run.exit(2)
        .stderr_has("`Bad Id!` is not a valid id")
        .stderr_has("lower-case");
    assert!(
        std::fs::read_dir(&run.dir).expect("dir").next().is_none(),
        "a file was written for an invalid id"
    );
}

#[test]
fn new_scenario_rejects_an_unknown_kind() {
    Test::new()
        .args([
            "new", "scenario", "--kind", "wiling", "--lang", "en", "en-x",
        ])
        .run()
        .exit(2)
        .stderr_has("unknown kind `wiling`")
        .stderr_has("did you mean `willing`?");
}

// ------------------------------------------------------------------ trainer content folder

#[test]
fn content_dir_adds_a_scenario() {
    let before = list_json(&[]).len();
    let run = Test::new()
        .file("trainer/scenarios/card-en.yaml", CARD_EN)
        .args(["--content", "trainer", "list", "--json"])
        .run();
    run.success();
    let list = run.json();
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), before + 1);
    assert!(list.iter().any(|e| e["id"] == "card-en-willing"));
}

#[test]
fn content_dir_replaces_a_builtin_with_the_same_id() {
    let builtin = list_json(&["--lang", "en"]);
    let id = field(&builtin[0], "id").to_string();
    let old_title = field(&builtin[0], "title").to_string();
    let mine = CARD_EN
        .replacen("id: card-en-willing", &format!("id: {id}"), 1)
        .replacen(
            "title: Nurse whose hours were cut wants to catch up",
            "title: A trainer's own version",
            1,
        );
    let run = Test::new()
        .file("trainer/scenarios/mine.yaml", &mine)
        .args(["--content", "trainer", "list", "--json"])
        .run();
    run.success();
    let list = run.json();
    let list = list.as_array().expect("array");
    let same: Vec<_> = list.iter().filter(|e| e["id"] == id.as_str()).collect();
    assert_eq!(same.len(), 1, "{id} listed {} times", same.len());
    assert_eq!(field(same[0], "title"), "A trainer's own version");
    assert_ne!(old_title, "A trainer's own version");
    assert_eq!(list.len(), list_json(&[]).len(), "replacing must not add");
}

#[test]
fn content_env_var_works_like_the_flag() {
    let run = Test::new()
        .file("trainer/scenarios/card-zh.yaml", CARD_ZH)
        .env("COLLECTSIM_CONTENT", "trainer")
        .args(["show", "card-zh-willing", "--json"])
        .run();
    run.success();
    assert_eq!(run.json()["id"], "card-zh-willing");
    let listed = Test::new()
        .file("trainer/scenarios/card-zh.yaml", CARD_ZH)
        .env("COLLECTSIM_CONTENT", "trainer")
        .args(["list", "--json", "--lang", "zh"])
        .run();
    listed.success();
    assert!(
        listed
            .json()
            .as_array()
            .expect("array")
            .iter()
            .any(|e| e["id"] == "card-zh-willing")
    );
}

#[test]
fn content_dir_with_a_broken_file_fails_with_its_location() {
    let broken = CARD_EN.replacen("balance: 6240.18", "balance: 6240.00", 1);
    Test::new()
        .file("trainer/scenarios/card-en.yaml", &broken)
        .args(["--content", "trainer", "list"])
        .run()
        .exit(1)
        .stderr_has("trainer/scenarios/card-en.yaml:24:12: error: balance");
}
