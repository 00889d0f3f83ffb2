//! The forms checklist: how collectors and transcribers actually write amounts, dates, counts,
//! percentages, phones and names, one case per form, decided against the conventions in the
//! header of tests/data/nlu/dev.yaml. Each case fails if its form stops being read.

use jiff::civil::date;

use super::{
    CNY, Case, EntityKind, USD, check, count, day, day_at, dur, extract, money, name, now, pct,
    phone,
};
use crate::lang::Lang;

fn forms() -> Vec<Case> {
    vec![
        // ---- money: ranges take the upper bound (as 五六百 = 600 does) ----
        money("can you do 2-3k this week", "2-3k", 3000.0, None),
        money("pay $2-3k now", "$2-3k", 3000.0, USD),
        money("pay 2 to 3k", "2 to 3k", 3000.0, None),
        money("还2到3万", "2到3万", 30000.0, None),
        money("先还三五千", "三五千", 5000.0, None),
        // ---- money: spoken and split amounts ----
        money("can you pay two fifty today", "two fifty", 250.0, None),
        money(
            "the total due comes to 7 thousand 450",
            "7 thousand 450",
            7450.0,
            None,
        ),
        money("you owe 1 234 dollars", "1 234 dollars", 1234.0, USD),
        money("余额是12 500元", "12 500元", 12500.0, CNY),
        money("could you pay the 150 minimum today", "150", 150.0, None),
        money(
            "what if we split it in 3 and the first bit is only 100",
            "100",
            100.0,
            None,
        ),
        money("今天下午把这期的2150还了吧", "2150", 2150.0, None),
        money("先还一千五百块", "一千五百块", 1500.0, CNY),
        money("先还壹仟元", "壹仟元", 1000.0, CNY),
        money("先还1.5万元", "1.5万元", 15000.0, CNY),
        money("先还三千来块", "三千来块", 3000.0, CNY),
        // "两千多" = more than 2000: labelled as the round figure, like "about 2000".
        money("您还欠两千多", "两千", 2000.0, None),
        money(
            "the balance is fifteen hundred",
            "fifteen hundred",
            1500.0,
            None,
        ),
        money("the balance is USD 300", "USD 300", 300.0, USD),
        money("just send 300 bucks", "300 bucks", 300.0, USD),
        money("could you manage 400 biweekly", "400", 400.0, None),
        money("先转个500", "500", 500.0, None),
        money("月供1500", "1500", 1500.0, None),
        // ---- counts ----
        count(
            "it shows 2 missed payments and about 60 days late",
            "2 missed payments",
            2.0,
            "payment",
        ),
        count(
            "thats 3 late payments now",
            "3 late payments",
            3.0,
            "payment",
        ),
        count("what if we split it in 3", "3", 3.0, "instalment"),
        count(
            "we could break the balance into four parts",
            "four parts",
            4.0,
            "instalment",
        ),
        count(
            "can we split it into 3 payments",
            "3 payments",
            3.0,
            "payment",
        ),
        // ---- durations ----
        dur("您这笔已经逾期两个多月啦", "两个多月", 60.0, "month", 2.0),
        dur("逾期十多天了", "十多天", 10.0, "day", 10.0),
        dur("3日内还清", "3日", 3.0, "day", 3.0),
        dur("split it over 3 months", "3 months", 90.0, "month", 3.0),
        dur("you are a month overdue", "a month", 30.0, "month", 1.0),
        // ---- percentages: 个点 / 百分点 are percentage points ----
        pct("利息降5个点", "5个点", 5.0),
        pct("降2个百分点", "2个百分点", 2.0),
        // ---- dates ----
        day(
            "can you pay next week Tuesday",
            "next week Tuesday",
            2026,
            12,
            1,
        ),
        day(
            "can you pay tuesday next week",
            "tuesday next week",
            2026,
            12,
            1,
        ),
        day_at(
            date(2026, 11, 30).at(9, 0, 0, 0),
            "ok so next week on wed then",
            "next week on wed",
            2026,
            12,
            9,
        ),
        day(
            "talk to you on monday the 30th",
            "monday the 30th",
            2026,
            11,
            30,
        ),
        day("can you pay on friday, dec 4", "friday, dec 4", 2026, 12, 4),
        day(
            "pay by the 5th of next month",
            "the 5th of next month",
            2026,
            12,
            5,
        ),
        day(
            "what about the first of the month",
            "the first of the month",
            2026,
            12,
            1,
        ),
        day("can you pay by mid december", "mid december", 2026, 12, 15),
        day("maybe mid-month works", "mid-month", 2026, 12, 15),
        day(
            "by the middle of next month",
            "middle of next month",
            2026,
            12,
            15,
        ),
        day("pay by end of january", "end of january", 2027, 1, 31),
        day("by the end of november", "end of november", 2026, 11, 30),
        day(
            "beginning of december is fine",
            "beginning of december",
            2026,
            12,
            1,
        ),
        day(
            "this accounts been delinquent since mid september",
            "mid september",
            2026,
            9,
            15,
        ),
        day("we spoke on 10/03", "10/03", 2026, 10, 3),
        day("your last payment posted on 10/03", "10/03", 2026, 10, 3),
        day("can you pay by 12/5", "12/5", 2026, 12, 5),
        day(
            "can you pay in a couple days",
            "in a couple days",
            2026,
            11,
            30,
        ),
        day(
            "I tried calling 3 times last week",
            "last week",
            2026,
            11,
            16,
        ),
        day("can you pay before christmas", "christmas", 2026, 12, 25),
        day("元旦前还上", "元旦", 2027, 1, 1),
        // ---- phones ----
        phone("text me at 555 123 4567", "555 123 4567", "5551234567"),
        phone(
            "手机号+86 138 1234 5678对吗",
            "+86 138 1234 5678",
            "+8613812345678",
        ),
        // ---- names ----
        name("hey Lamar, Jess from Meridian Credit calling", "Jess"),
        name("hey Lamar, Jess from Meridian Credit calling", "Lamar"),
        name("hi is danielle home? can u have her call Mike back", "Mike"),
        name("could u ask him to give Kelly a call back", "Kelly"),
        name("is this kevin okafor", "kevin okafor"),
        name("am i speaking with daniel reyes?", "daniel reyes"),
        name("this is agent Dana Whitfield", "Dana Whitfield"),
        name("请问你是不是李娜呀", "李娜"),
        name("I'm calling for Daniel Reyes", "Daniel Reyes"),
        name("im looking for Daniel Reyes", "Daniel Reyes"),
        name("trying to reach Daniel Reyes", "Daniel Reyes"),
        name("i need to speak with Daniel", "Daniel"),
        name("找一下王强", "王强"),
        name("王强你好", "王强"),
        name("您好，王强", "王强"),
        name("Hi Daniel how are you today", "Daniel"),
        name("good morning Daniel", "Daniel"),
        name("hi Daniel this is Kim", "Daniel"),
        name("您好，是李明吗", "李明"),
        name("喂，刘芳吗", "刘芳"),
        name("请问您是黄丽华黄女士吗", "黄丽华"),
        name("你好 我找你们公司的李强 他网贷逾期了三个月", "李强"),
        name("你们公司那个张伟网贷逾期好几个月了", "张伟"),
    ]
}

#[test]
fn every_form_is_read() {
    let failures: Vec<String> = forms().iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} forms failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Lines where a form must not produce an entity of the given kind.
#[test]
fn forms_that_are_not_entities() {
    let cases: &[(&str, EntityKind)] = &[
        ("its due at 3pm", EntityKind::Money),
        ("its due at 3pm", EntityKind::Name),
        ("we are open 24/7", EntityKind::Money),
        ("call me back at two fifty", EntityKind::Money),
        ("your account ending 4521", EntityKind::Money),
        ("in 2026 you paid nothing", EntityKind::Money),
        ("is this ok", EntityKind::Name),
        ("is this legit though", EntityKind::Name),
        ("is this a good time", EntityKind::Name),
        ("is this true", EntityKind::Name),
        ("那个时候他说会还", EntityKind::Name),
        ("这个钱他一直不还", EntityKind::Name),
        ("您好，是周五吗", EntityKind::Name),
        ("是明天吗", EntityKind::Name),
        ("您好，方便吗", EntityKind::Name),
        ("您好，明天吧", EntityKind::Name),
        ("Hi There", EntityKind::Name),
        ("hello Sir, how are you", EntityKind::Name),
        ("im looking for a plan that works", EntityKind::Name),
        ("$200 a month", EntityKind::Duration),
        ("利息3点前要还", EntityKind::Percent),
        (
            "i split it in 3 ways with my brother 2-3 times",
            EntityKind::Money,
        ),
    ];
    for (text, kind) in cases {
        let out = extract(text, Lang::En, now());
        assert!(
            !out.iter().any(|e| e.kind == *kind),
            "{text:?} should have no {kind:?}: {out:?}"
        );
    }
    // "黄丽华黄女士" is one person: the bare surname before the title is not a second name.
    let out = extract("请问您是黄丽华黄女士吗", Lang::Zh, now());
    let names = out.iter().filter(|e| e.kind == EntityKind::Name).count();
    assert_eq!(names, 1, "{out:?}");
    // "monday the 30th" is one date, not two.
    let out = extract("talk to you on monday the 30th", Lang::En, now());
    let dates = out.iter().filter(|e| e.kind == EntityKind::Date).count();
    assert_eq!(dates, 1, "{out:?}");
}
