use chinese_number::{ChineseCase, ChineseCountMethod, ChineseVariant, NumberToChinese};
use jiff::civil::{DateTime, date};
use proptest::prelude::*;

use super::{Entity, EntityKind, EntityValue, extract, numbers};
use crate::lang::Lang;

mod forms;

/// Saturday 2026-11-28 14:00.
fn now() -> DateTime {
    date(2026, 11, 28).at(14, 0, 0, 0)
}

#[derive(Debug, Clone, Copy)]
enum V {
    N(f64),
    D(i16, i8, i8),
    T(&'static str),
}

#[derive(Debug, Clone)]
struct Case {
    text: &'static str,
    now: DateTime,
    kind: EntityKind,
    matched: &'static str,
    value: V,
    currency: Option<&'static str>,
    unit: Option<&'static str>,
    amount: Option<f64>,
}

fn case(text: &'static str, kind: EntityKind, matched: &'static str, value: V) -> Case {
    Case {
        text,
        now: now(),
        kind,
        matched,
        value,
        currency: None,
        unit: None,
        amount: None,
    }
}

const USD: Option<&str> = Some("USD");
const CNY: Option<&str> = Some("CNY");

fn money(
    text: &'static str,
    matched: &'static str,
    v: f64,
    currency: Option<&'static str>,
) -> Case {
    Case {
        currency,
        ..case(text, EntityKind::Money, matched, V::N(v))
    }
}

fn day(text: &'static str, matched: &'static str, y: i16, m: i8, d: i8) -> Case {
    case(text, EntityKind::Date, matched, V::D(y, m, d))
}

fn day_at(now: DateTime, text: &'static str, matched: &'static str, y: i16, m: i8, d: i8) -> Case {
    Case {
        now,
        ..day(text, matched, y, m, d)
    }
}

fn count(text: &'static str, matched: &'static str, v: f64, unit: &'static str) -> Case {
    Case {
        unit: Some(unit),
        ..case(text, EntityKind::Count, matched, V::N(v))
    }
}

fn dur(
    text: &'static str,
    matched: &'static str,
    days: f64,
    unit: &'static str,
    amount: f64,
) -> Case {
    Case {
        unit: Some(unit),
        amount: Some(amount),
        ..case(text, EntityKind::Duration, matched, V::N(days))
    }
}

fn pct(text: &'static str, matched: &'static str, v: f64) -> Case {
    case(text, EntityKind::Percent, matched, V::N(v))
}

fn phone(text: &'static str, matched: &'static str, digits: &'static str) -> Case {
    case(text, EntityKind::Phone, matched, V::T(digits))
}

fn name(text: &'static str, matched: &'static str) -> Case {
    case(text, EntityKind::Name, matched, V::T(matched))
}

fn table() -> Vec<Case> {
    let monday = date(2026, 11, 23).at(9, 0, 0, 0);
    let early = date(2026, 11, 10).at(9, 0, 0, 0);
    vec![
        // ---- money ----
        money("u owe 5200 by fri", "5200", 5200.0, None),
        money("can u do 3k next fri", "3k", 3000.0, None),
        money("can you get the 250 in by friday", "250", 250.0, None),
        money("下周五之前先还三千吧", "三千", 3000.0, None),
        money("分6期每期800", "800", 800.0, None),
        // A full-width colon after Chinese words labels the amount (NFKC makes it ':').
        money("我跟您确认下：1.2万分12期", "1.2万", 12000.0, None),
        money("金额：5000元", "5000元", 5000.0, CNY),
        money("that's $5,200.00", "$5,200.00", 5200.0, USD),
        money(
            "我们这边显示欠款一万二千三百四十五元",
            "一万二千三百四十五元",
            12345.0,
            CNY,
        ),
        money("the balance is 5,200", "5,200", 5200.0, None),
        money("please send 5200 asap", "5200", 5200.0, None),
        money("$5,200", "$5,200", 5200.0, USD),
        money("$5.2k", "$5.2k", 5200.0, USD),
        money("3k", "3k", 3000.0, None),
        money("maybe 3K?", "3K", 3000.0, None),
        money("5200元", "5200元", 5200.0, CNY),
        money("五千二百元", "五千二百元", 5200.0, CNY),
        money("5.2万", "5.2万", 52000.0, None),
        money("5.2万元", "5.2万元", 52000.0, CNY),
        money("两万五", "两万五", 25000.0, None),
        money("3千块", "3千块", 3000.0, CNY),
        money("三千块钱", "三千块钱", 3000.0, CNY),
        money("一万五", "一万五", 15000.0, None),
        money("1,234.56", "1,234.56", 1234.56, None),
        money("like 2 grand", "2 grand", 2000.0, None),
        money("5 thousand", "5 thousand", 5000.0, None),
        money("1.5 million", "1.5 million", 1_500_000.0, None),
        money("壹万", "壹万", 10000.0, None),
        money("人民币5000", "人民币5000", 5000.0, CNY),
        money("RMB 5000", "RMB 5000", 5000.0, CNY),
        money("¥300", "¥300", 300.0, CNY),
        money("300 bucks", "300 bucks", 300.0, USD),
        money("200 dollars", "200 dollars", 200.0, USD),
        money("三千二", "三千二", 3200.0, None),
        money("五万二", "五万二", 52000.0, None),
        money("can you pay 500 today?", "500", 500.0, None),
        money("I paid 250 last week", "250", 250.0, None),
        money("我可以先还2000", "2000", 2000.0, None),
        money("欠我们5000没还", "5000", 5000.0, None),
        money("余额是8000", "8000", 8000.0, None),
        money("还款金额：3000", "3000", 3000.0, None),
        money("he owes 1.5k", "1.5k", 1500.0, None),
        money("send 5w by tomorrow", "5w", 50000.0, None),
        money(
            "i can do 5 hundred bucks tmr",
            "5 hundred bucks",
            500.0,
            USD,
        ),
        money(
            "five thousand dollars",
            "five thousand dollars",
            5000.0,
            USD,
        ),
        money("twenty bucks", "twenty bucks", 20.0, USD),
        money("还5块5毛", "5块5毛", 5.5, CNY),
        money("五毛钱", "五毛钱", 0.5, CNY),
        // A lone numeral after 块 is tenths ("两块五"), unless a date or duration goes on.
        money("一共欠了两块五", "两块五", 2.5, CNY),
        money("还差六十一块八，", "六十一块八", 61.8, CNY),
        money("200块5号前还上", "200块", 200.0, CNY),
        money("先还两千多块吧", "两千多块", 2000.0, CNY),
        money("三百来块", "三百来块", 300.0, CNY),
        money("3000块5天内还清", "3000块", 3000.0, CNY),
        money("利息是500块", "500块", 500.0, CNY),
        money("你的欠款总额为12,345.67元", "12,345.67元", 12345.67, CNY),
        money("I can pay 300 a month", "300", 300.0, None),
        money("800 each", "800", 800.0, None),
        money("5k刀", "5k刀", 5000.0, USD),
        money("US$1,000", "US$1,000", 1000.0, USD),
        money("usd 250 ok", "usd 250", 250.0, USD),
        money("$1,000,000", "$1,000,000", 1_000_000.0, USD),
        money("我最多能还3千5", "3千5", 3500.0, None),
        money("3万5千", "3万5千", 35000.0, None),
        money("十万块", "十万块", 100_000.0, CNY),
        money("两百五十块", "两百五十块", 250.0, CNY),
        money("首付两千", "两千", 2000.0, None),
        money("最低还款额是2000", "2000", 2000.0, None),
        money("一共欠了一万零五百元", "一万零五百元", 10500.0, CNY),
        money("Can u pay 1k now?", "1k", 1000.0, None),
        money("先还$500吧", "$500", 500.0, USD),
        money("I can pay 5200元", "5200元", 5200.0, CNY),
        money("you owe 3,000 dollars", "3,000 dollars", 3000.0, USD),
        money("owe us 2,500.50 by friday", "2,500.50", 2500.5, None),
        money("3点前还5000", "5000", 5000.0, None),
        money("分24期每期500元", "500元", 500.0, CNY),
        money("like a grand", "a grand", 1000.0, None),
        money("a hundred bucks", "a hundred bucks", 100.0, USD),
        money("每个月还两千五", "两千五", 2500.0, None),
        money("欠款：¥23,540.00", "¥23,540.00", 23540.0, CNY),
        // amounts scheduled on a date in a recap
        money("so 275 on jan 3rd via the app", "275", 275.0, None),
        money(
            "recap: 900 total, 300 monday and the other 600 by the 20th",
            "300",
            300.0,
            None,
        ),
        money(
            "recap: 900 total, 300 monday and the other 600 by the 20th",
            "600",
            600.0,
            None,
        ),
        money("ok 120 friday then", "120", 120.0, None),
        // 1w5 = 15000: the digit after the multiplier is the next lower place
        money("send 2w5 tomorrow", "2w5", 25000.0, None),
        money("maybe 3k5 max", "3k5", 3500.0, None),
        // a colloquial tail digit that starts the next word
        money("他在外面欠了两万一直没还", "两万", 20000.0, None),
        money("欠了八千一次都没还", "八千", 8000.0, None),
        money("一万五一个月", "一万五", 15000.0, None),
        // approximate ranges take the upper bound
        money("大概七八千吧", "七八千", 8000.0, None),
        money("一两万块", "一两万块", 20000.0, CNY),
        money("先还三五百", "三五百", 500.0, None),
        // ---- dates ----
        day("u owe 5200 by fri", "fri", 2026, 12, 4),
        day("can u do 3k next fri", "next fri", 2026, 12, 4),
        day("下周五之前先还三千吧", "下周五", 2026, 12, 4),
        day("pay today", "today", 2026, 11, 28),
        day("tomorrow ok?", "tomorrow", 2026, 11, 29),
        day("the day after tomorrow", "day after tomorrow", 2026, 11, 30),
        day("tonight", "tonight", 2026, 11, 28),
        day("Friday", "Friday", 2026, 12, 4),
        day("this Friday", "this Friday", 2026, 12, 4),
        day("pay on Friday", "Friday", 2026, 12, 4),
        day("next Friday", "next Friday", 2026, 12, 4),
        day_at(monday, "next Friday", "next Friday", 2026, 12, 4),
        day_at(monday, "Friday", "Friday", 2026, 11, 27),
        day("on Sat", "Sat", 2026, 11, 28),
        day("by Monday", "Monday", 2026, 11, 30),
        day("next week", "next week", 2026, 11, 30),
        day("by the end of the month", "end of the month", 2026, 11, 30),
        day("end of month", "end of month", 2026, 11, 30),
        day("month end", "month end", 2026, 11, 30),
        day(
            "beginning of next month",
            "beginning of next month",
            2026,
            12,
            1,
        ),
        day("start of next month", "start of next month", 2026, 12, 1),
        day("next month", "next month", 2026, 12, 1),
        day("in 3 days", "in 3 days", 2026, 12, 1),
        day("in three days", "in three days", 2026, 12, 1),
        day("3 days from now", "3 days from now", 2026, 12, 1),
        day("in two weeks", "in two weeks", 2026, 12, 12),
        // "within" names a period, not a day (a right to dispute, a deadline's length).
        dur("within 3 days", "3 days", 3.0, "day", 3.0),
        dur(
            "you can dispute it in writing within 30 days",
            "30 days",
            30.0,
            "day",
            30.0,
        ),
        dur("收到通知30天内提出异议", "30天", 30.0, "day", 30.0),
        day("三天后", "三天后", 2026, 12, 1),
        day("by the 15th", "the 15th", 2026, 12, 15),
        day_at(early, "on the 15th", "the 15th", 2026, 11, 15),
        day("by the fifteenth", "the fifteenth", 2026, 12, 15),
        day("December 5", "December 5", 2026, 12, 5),
        day("Dec 5th", "Dec 5th", 2026, 12, 5),
        day("5 December", "5 December", 2026, 12, 5),
        day("12/5", "12/5", 2026, 12, 5),
        day("2026-12-05", "2026-12-05", 2026, 12, 5),
        day("12/05/2026", "12/05/2026", 2026, 12, 5),
        // Neither past nor deadline: the nearer of this year's and the next (27 days ago,
        // not 11 months ahead; 43 days ahead, not 10 months ago).
        day("Nov 1", "Nov 1", 2026, 11, 1),
        day("jan 10", "jan 10", 2027, 1, 10),
        day("11月10号", "11月10号", 2026, 11, 10),
        // A deadline is ahead, however far.
        day("pay by nov 1", "nov 1", 2027, 11, 1),
        day("11月10号之前还上", "11月10号", 2027, 11, 10),
        // "from" alone marks no deadline ("charged from nov 3" is the nearer one); "starting
        // from" does.
        day("a late fee was charged from nov 3", "nov 3", 2026, 11, 3),
        day("payments starting from nov 3", "nov 3", 2027, 11, 3),
        // A month name and a number before "payment" is a date, not a count of payments.
        day("ur oct 15 payment never came in", "oct 15", 2026, 10, 15),
        day("the Oct 15th payment", "Oct 15th", 2026, 10, 15),
        // Said of the past (a missed payment, an earlier promise): the latest such date.
        day("ur last payment was oct 15", "oct 15", 2026, 10, 15),
        day("you missed the nov 15th payment", "nov 15th", 2026, 11, 15),
        day("you promised on the 5th to pay 250", "the 5th", 2026, 11, 5),
        day("上次你11月5号答应的还款", "11月5号", 2026, 11, 5),
        day("您11月5号那期没还", "11月5号", 2026, 11, 5),
        day("您5号那笔没到账", "5号", 2026, 11, 5),
        // ... but an intention or a deadline stays ahead.
        day("you promised to pay on dec 5", "dec 5", 2026, 12, 5),
        day("you promised you'd pay by the 5th", "the 5th", 2026, 12, 5),
        day("上次说好12月5号前还", "12月5号", 2026, 12, 5),
        day("今天", "今天", 2026, 11, 28),
        day("明天还", "明天", 2026, 11, 29),
        day("后天", "后天", 2026, 11, 30),
        day("大后天", "大后天", 2026, 12, 1),
        day("今晚", "今晚", 2026, 11, 28),
        day("周五", "周五", 2026, 12, 4),
        day("星期五", "星期五", 2026, 12, 4),
        day("礼拜五", "礼拜五", 2026, 12, 4),
        day("周日", "周日", 2026, 11, 29),
        day("星期天", "星期天", 2026, 11, 29),
        day("礼拜天", "礼拜天", 2026, 11, 29),
        day("这周五", "这周五", 2026, 11, 27),
        day("本周五", "本周五", 2026, 11, 27),
        day("下星期五", "下星期五", 2026, 12, 4),
        day("下礼拜五", "下礼拜五", 2026, 12, 4),
        day("下周还", "下周", 2026, 11, 30),
        day("月底", "月底", 2026, 11, 30),
        day("这个月底", "这个月底", 2026, 11, 30),
        day("本月底", "本月底", 2026, 11, 30),
        day("下个月底", "下个月底", 2026, 12, 31),
        day("下月底", "下月底", 2026, 12, 31),
        day("月初", "月初", 2026, 12, 1),
        day("下月初", "下月初", 2026, 12, 1),
        day("下个月初", "下个月初", 2026, 12, 1),
        day("下个月再说", "下个月", 2026, 12, 1),
        day("15号", "15号", 2026, 12, 15),
        day("15日", "15日", 2026, 12, 15),
        day("十五号", "十五号", 2026, 12, 15),
        day("30号", "30号", 2026, 11, 30),
        day("能不能下个月15号还", "下个月15号", 2026, 12, 15),
        day("下月15号", "下月15号", 2026, 12, 15),
        day("12月5日", "12月5日", 2026, 12, 5),
        day("12月5号", "12月5号", 2026, 12, 5),
        day("十二月五日", "十二月五日", 2026, 12, 5),
        day("3天后", "3天后", 2026, 12, 1),
        day("三天后", "三天后", 2026, 12, 1),
        dur("三天之内", "三天", 3.0, "day", 3.0),
        day("两周后", "两周后", 2026, 12, 12),
        day("2026年12月5日", "2026年12月5日", 2026, 12, 5),
        day("首期12月5号", "12月5号", 2026, 12, 5),
        day("12月底", "12月底", 2026, 12, 31),
        day("过两天再说", "过两天", 2026, 11, 30),
        day("半个月后", "半个月后", 2026, 12, 13),
        day("3号到5号之间", "5号", 2026, 12, 5),
        day("Feb 29", "Feb 29", 2028, 2, 29),
        day("by the 31st", "the 31st", 2026, 12, 31),
        day("每月5号扣款", "每月5号", 2026, 12, 5),
        day("下周三之前能还多少", "下周三", 2026, 12, 2),
        day("这个月15号之前还5000", "这个月15号", 2026, 11, 15),
        // past days
        day("we spoke yesterday", "yesterday", 2026, 11, 27),
        day("tried you 4 times yesterday", "yesterday", 2026, 11, 27),
        day(
            "the day before yesterday",
            "day before yesterday",
            2026,
            11,
            26,
        ),
        day("昨天下午打过电话", "昨天", 2026, 11, 27),
        day("前天已经提醒过您", "前天", 2026, 11, 26),
        day("you promised last Tuesday", "last Tuesday", 2026, 11, 24),
        day("this past friday", "this past friday", 2026, 11, 27),
        day("last sat", "last sat", 2026, 11, 21),
        // end of the week = the coming Friday (like a bare "Friday")
        day("by the end of the week", "end of the week", 2026, 12, 4),
        day_at(monday, "end of this week", "end of this week", 2026, 11, 27),
        day("pay it off by the weekend", "the weekend", 2026, 11, 28),
        day_at(monday, "this weekend", "this weekend", 2026, 11, 28),
        day("by the end of the year", "end of the year", 2026, 12, 31),
        // years read digit by digit
        day("二〇二六年十二月八日", "二〇二六年十二月八日", 2026, 12, 8),
        day("二〇二七年底前还清", "二〇二七年底", 2027, 12, 31),
        day("明年底之前", "明年底", 2027, 12, 31),
        // ---- counts ----
        count("分6期每期800", "分6期", 6.0, "instalment"),
        count("3 instalments", "3 instalments", 3.0, "instalment"),
        count(
            "three installments",
            "three installments",
            3.0,
            "instalment",
        ),
        count("3 payments", "3 payments", 3.0, "payment"),
        count(
            "so can you do three payments of 800 each?",
            "three payments",
            3.0,
            "payment",
        ),
        count("分3期", "分3期", 3.0, "instalment"),
        count("分三期", "分三期", 3.0, "instalment"),
        count("3期", "3期", 3.0, "instalment"),
        count("twice", "twice", 2.0, "time"),
        count("I called 2 times", "2 times", 2.0, "time"),
        count("3次", "3次", 3.0, "time"),
        count("一周三次", "三次", 3.0, "time"),
        count("分十二期还", "分十二期", 12.0, "instalment"),
        count("i only reached him once", "once", 1.0, "time"),
        count("you paid once, last month", "once", 1.0, "time"),
        count("once a week is fine", "once", 1.0, "time"),
        count("分两笔还清", "分两笔", 2.0, "payment"),
        // 分 after an amount splits it: the amount stays money.
        money("1.2万分两笔还", "1.2万", 12000.0, None),
        money("剩下的两万五分10期", "两万五", 25000.0, None),
        // A currency sign makes the number the payment's amount, not a count of payments.
        money("its a $60 minimum payment", "$60", 60.0, Some("USD")),
        dur("7个工作日内回复", "7个工作日", 7.0, "day", 7.0),
        // ---- durations ----
        dur("6 months", "6 months", 180.0, "month", 6.0),
        dur("6个月", "6个月", 180.0, "month", 6.0),
        dur("半年", "半年", 182.5, "year", 0.5),
        dur("45 days overdue", "45 days", 45.0, "day", 45.0),
        dur("逾期45天了哈", "45天", 45.0, "day", 45.0),
        dur("逾期四十五天", "四十五天", 45.0, "day", 45.0),
        dur("two weeks", "two weeks", 14.0, "week", 2.0),
        dur("两周", "两周", 14.0, "week", 2.0),
        dur("一年", "一年", 365.0, "year", 1.0),
        dur("一年半", "一年半", 547.5, "year", 1.5),
        dur("一个半月", "一个半月", 45.0, "month", 1.5),
        dur("逾期3个月了", "3个月", 90.0, "month", 3.0),
        dur("a 6-month plan", "6-month", 180.0, "month", 6.0),
        dur("两个星期", "两个星期", 14.0, "week", 2.0),
        dur("half a year", "half a year", 182.5, "year", 0.5),
        dur("已经拖了一个月了", "一个月", 30.0, "month", 1.0),
        // ---- percent ----
        pct("20%", "20%", 20.0),
        pct("20 percent", "20 percent", 20.0),
        pct("百分之二十", "百分之二十", 20.0),
        pct("两成", "两成", 20.0),
        pct("八折", "八折", 80.0),
        pct("打八五折", "八五折", 85.0),
        pct("we can settle for 60% of the balance", "60%", 60.0),
        pct("7.5折", "7.5折", 75.0),
        pct("twenty percent off", "twenty percent", 20.0),
        pct("减免百分之30", "百分之30", 30.0),
        // ---- phones ----
        phone("(555) 123-4567", "(555) 123-4567", "5551234567"),
        phone("call 555-123-4567", "555-123-4567", "5551234567"),
        phone("+1 555 123 4567", "+1 555 123 4567", "+15551234567"),
        phone("1-800-555-0199", "1-800-555-0199", "18005550199"),
        phone("我的电话13812345678", "13812345678", "13812345678"),
        phone("138-1234-5678", "138-1234-5678", "13812345678"),
        phone("138 1234 5678", "138 1234 5678", "13812345678"),
        phone("010-12345678", "010-12345678", "01012345678"),
        phone("400-123-4567", "400-123-4567", "4001234567"),
        phone("+86 138 1234 5678", "+86 138 1234 5678", "+8613812345678"),
        phone("call me back at 555-1234", "555-1234", "5551234"),
        // ---- names ----
        name("Hi, this is John Smith from Acme Recovery.", "John Smith"),
        name(
            "my name is Sarah, I'm calling from ABC Collections",
            "Sarah",
        ),
        name("Am I speaking with Mary Johnson?", "Mary Johnson"),
        // A relation before the name, a rank written short (session 20's blind sets).
        name("ur husband Paul owes us 3,200 on his card", "Paul"),
        name(
            "im calling about ur coworker Dave, he has a debt with us",
            "Dave",
        ),
        name("this is Sgt. Miller from the fraud division", "Miller"),
        money("venmo me the 200 directly", "200", 200.0, None),
        money("the minimum to bring it current is 320", "320", 320.0, None),
        name("am i speaking to John?", "John"),
        name("May I speak with Robert Brown", "Robert Brown"),
        // Found in val10's misses (session 17): "w" for "with", a relay, a whereabouts, thanks
        // at the end, 跟…说, 转告一下, a lawyer's title after the name.
        name("am i speaking w Rosa Albright", "Rosa Albright"),
        name(
            "hi Lauren Pike here from the law offices of Pike and Reyes",
            "Lauren Pike",
        ),
        name("Hi Lauren here from Acme", "Lauren"),
        name(
            "ur his roommate? tell Jake his card went to collections",
            "Jake",
        ),
        name("when Carlos gets home could u have him call us", "Carlos"),
        name("thanks for ur time Rosa take care bye", "Rosa"),
        name("那你跟梁子豪说 他欠的1.5万再不还就麻烦了", "梁子豪"),
        name("帮忙转告一下何佳琪 她网贷逾期了", "何佳琪"),
        name("我是安融科技法务部的黄志刚律师", "黄志刚"),
        name("Is this David?", "David"),
        name("May I speak to Mr. Johnson please", "Johnson"),
        name("Hi Mrs. Lee, how are you", "Lee"),
        name("Ms Chen", "Chen"),
        name("Dr. Patel", "Patel"),
        name("I'm Sarah from Acme", "Sarah"),
        name("我是张伟，来自XX公司", "张伟"),
        name("请问是李明吗", "李明"),
        name("请问您是刘洋", "刘洋"),
        name("王先生", "王"),
        name("张女士您好", "张"),
        name("李小姐", "李"),
        name("您好王先生", "王"),
        name("请问是李明先生吗", "李明"),
        name("欧阳先生", "欧阳"),
        name("我是小王", "小王"),
        // lowercase names after a title or "my name is"
        name("hey my name is devon, calling about your account", "devon"),
        name("hello, is this dr kapoor", "kapoor"),
        name("are you mrs ortega?", "ortega"),
        name("just checking im talking w/ Ms. Alvarez", "Alvarez"),
        name("i'm calling for Mr. Lee", "Lee"),
        // 我是<company>的<role><name>
        name("您好我是鼎盛资产的周晓峰，通话会录音", "周晓峰"),
        name("我是诚信金融的王芳", "王芳"),
        // A relation after the name is not part of it; a name right after the speaker's role.
        name("您是赵磊的邻居吧", "赵磊"),
        name("我是上周给您打过电话的客服孙悦，", "孙悦"),
        name("我是合众的吴磊，请问是钱先生吗", "吴磊"),
        name("我是鑫源资产的客服专员小刘，工号8812", "小刘"),
        name("我是客服小李", "小李"),
        name("我是张伟的同事", "张伟"),
        // Pounds and euros (a UK or EU account), by sign or by word.
        money("the balance is sitting at £800", "£800", 800.0, Some("GBP")),
        money("could u do 250 pounds", "250 pounds", 250.0, Some("GBP")),
        money("还500英镑", "500英镑", 500.0, Some("GBP")),
        money("€1 200 by friday", "€1 200", 1200.0, Some("EUR")),
        dur(
            "it's about a fortnight overdue",
            "a fortnight",
            14.0,
            "week",
            2.0,
        ),
        // A surname that is also a word (周 week, 钱 money) still starts a name.
        name("您好，请问周建国在家吗？", "周建国"),
        name("哈喽，是周杰吗？", "周杰"),
        // 月 ends given names as well as words.
        name("请问张月在家吗", "张月"),
        // A contraction after a lower-case surname ends it.
        name("thanks mr dawson thats really helpful", "dawson"),
        // An amount right before 下个月 ends there, and the date after it is whole.
        money("剩下的565下个月15号前还清", "565", 565.0, None),
        day("剩下的565下个月15号前还清", "下个月15号", 2026, 12, 15),
        money("剩下2886下个月底前交清", "2886", 2886.0, None),
        money("你今天先还一期799", "799", 799.0, None),
        money("利息1130块你可以先还一半565", "565", 565.0, None),
        money("past due amt is 412.88", "412.88", 412.88, None),
        // "the last one" is the plan's final payment, not a past date.
        day(
            "so $47.25 tmrw and the last one on dec 26",
            "dec 26",
            2026,
            12,
            26,
        ),
        day("ur last payment was oct 15", "oct 15", 2026, 10, 15),
        // UK numbers.
        phone(
            "give us a ring back on 0800 046 7721",
            "0800 046 7721",
            "08000467721",
        ),
        phone("call 07700 900123 anytime", "07700 900123", "07700900123"),
        // A name after a farewell at the end, one opening a sentence, one asked about.
        name("alright have a great weekend Mia", "Mia"),
        name("hey Earl, Bobby works for u right?", "Bobby"),
        name("hi its Brightmoor Energy, is Darren about?", "Darren"),
        name("send it under my name Joanne Dizon", "Joanne Dizon"),
        name("喂 潘浩宇是吧 我是执行庭的", "潘浩宇"),
        name("喂 是赵一鸣家吧 阿姨您好", "赵一鸣"),
        // Rand, shillings and Australian dollars; a spaced rand amount.
        money("pay the R4 935 by friday", "R4 935", 4935.0, Some("ZAR")),
        money("can u do R650 today", "R650", 650.0, Some("ZAR")),
        money(
            "ur loan of Ksh 6,800 was due",
            "Ksh 6,800",
            6800.0,
            Some("KES"),
        ),
        money(
            "he ran off with 2,500 bob",
            "2,500 bob",
            2500.0,
            Some("KES"),
        ),
        money("theres AUD 340 owing", "AUD 340", 340.0, Some("AUD")),
        money("the power's NZ$734 behind", "NZ$734", 734.0, Some("NZD")),
        money("can pay S$500 first", "S$500", 500.0, Some("SGD")),
        money("owe over J$180,000", "J$180,000", 180000.0, Some("JMD")),
        // "monday week" (British): a week after the coming Monday.
        day("get it in by monday week", "monday week", 2026, 12, 7),
        day("friday week at the latest", "friday week", 2026, 12, 11),
        // 俩 and 仨 before a unit of time.
        dur("月租俩月没交了", "俩月", 60.0, "month", 2.0),
        dur("拖了仨星期", "仨星期", 21.0, "week", 3.0),
        // Kenyan and Australian 4-3-3 numbers; a Chinese landline split in two.
        phone(
            "reach me on 0722 418 903 anytime",
            "0722 418 903",
            "0722418903",
        ),
        phone(
            "give me a bell on 1300 975 311",
            "1300 975 311",
            "1300975311",
        ),
        phone("号码是0371-6589 4412", "0371-6589 4412", "037165894412"),
    ]
}

fn check(c: &Case) -> Result<(), String> {
    let out = extract(c.text, Lang::En, c.now);
    let Some(e) = out.iter().find(|e| &c.text[e.span.clone()] == c.matched) else {
        return Err(format!(
            "{:?}: nothing matched {:?}; got {out:?}",
            c.text, c.matched
        ));
    };
    let value_ok = match (c.value, &e.value) {
        (V::N(x), EntityValue::Number(y)) => (x - y).abs() < 1e-9,
        (V::D(y, m, d), EntityValue::Date(got)) => date(y, m, d) == *got,
        (V::T(s), EntityValue::Text(got)) => s == got,
        _ => false,
    };
    if e.kind != c.kind
        || !value_ok
        || e.currency != c.currency
        || e.unit != c.unit
        || e.amount != c.amount
    {
        return Err(format!(
            "{:?}: expected {:?} {:?} cur={:?} unit={:?} amount={:?}; got {e:?}",
            c.text, c.kind, c.value, c.currency, c.unit, c.amount
        ));
    }
    Ok(())
}

#[test]
fn table_cases() {
    let cases = table();
    assert!(cases.len() >= 120, "only {} cases", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn kinds(text: &str) -> Vec<EntityKind> {
    extract(text, Lang::En, now())
        .iter()
        .map(|e| e.kind)
        .collect()
}

#[test]
fn negatives() {
    let no = |text: &str, kind: EntityKind| {
        let out = extract(text, Lang::Zh, now());
        assert!(
            !out.iter().any(|e| e.kind == kind),
            "{text:?} should have no {kind:?}: {out:?}"
        );
    };
    no("this is an attempt to collect a debt", EntityKind::Name);
    no("hi its Brightmoor Energy calling", EntityKind::Name);
    no("Autopay works fine on the 15th", EntityKind::Name);
    no("Interest owed is $45", EntityKind::Name);
    no("3天后到账是吧", EntityKind::Name);
    no("have a good weekend", EntityKind::Name);
    no("还3下就好了", EntityKind::Money);
    // A bare "R" before one digit is a road or a grade; 俩 before money is "a little".
    no("take the R2 north", EntityKind::Money);
    no("就这俩钱还拖着", EntityKind::Money);
    no("就这俩钱还拖着", EntityKind::Duration);
    no("这个钱不还，你以后出国都不行", EntityKind::Name);
    no("这个周我们再说", EntityKind::Name);
    no("你这个月还不上吗", EntityKind::Name);
    no("客服电话是95555", EntityKind::Name);
    no("专员马上联系您", EntityKind::Name);
    no("我是上周给您打过电话的", EntityKind::Name);
    no("ur oct 15 payment never came in", EntityKind::Count);
    no("within 30 days", EntityKind::Date);
    no("30天内", EntityKind::Date);
    no("This is Acme Recovery calling", EntityKind::Name);
    no("this is mike", EntityKind::Name);
    no("call me at 3pm", EntityKind::Money);
    no("call me at 3 pm", EntityKind::Money);
    no("at 3:30", EntityKind::Money);
    no("my ID:4471", EntityKind::Money);
    no("我是恒安律师事务所的", EntityKind::Name);
    no("跟我们说一下就行", EntityKind::Name);
    no("第3期", EntityKind::Money);
    no("这是第3次提醒您", EntityKind::Money);
    no("分3期", EntityKind::Money);
    no("its a $60 minimum payment", EntityKind::Count);
    no("等3分钟", EntityKind::Money);
    no("我是招商银行的", EntityKind::Name);
    no("我是中国工商银行的", EntityKind::Name);
    no("我是催收部的", EntityKind::Name);
    no("我是公安局的，你欠款的事", EntityKind::Name);
    no("我是仲裁委的", EntityKind::Name);
    no("我是鼎盛资产的", EntityKind::Name);
    no("my name is not important", EntityKind::Name);
    no("i'm calling for you", EntityKind::Name);
    no("have a nice weekend", EntityKind::Date);
    no("take the weekend to think", EntityKind::Date);
    no("以后天天给你打", EntityKind::Date);
    no("once you pay we close the file", EntityKind::Count);
    no("do it at once", EntityKind::Count);
    no("借一笔钱先还上", EntityKind::Count);
    no("这两笔欠款", EntityKind::Count);
    no("一个月两千能接受吗", EntityKind::Duration);
    no("call at 10 on friday", EntityKind::Money);
    no("the first one is due monday", EntityKind::Money);
    no("the card ending 4521 on friday", EntityKind::Money);
    no("生意上周转不开", EntityKind::Date);
    no("我是说你要尽快", EntityKind::Name);
    no("Feb 30", EntityKind::Date);
    no("2月30日", EntityKind::Date);
    no("千万别忘了", EntityKind::Money);
    no("我们一块还", EntityKind::Money);
    no("the 3rd payment was late", EntityKind::Date);
    no("the 3rd payment was late", EntityKind::Money);
    no("I called 3 times", EntityKind::Money);
    no("6月", EntityKind::Duration);
    no("2026年还清", EntityKind::Duration);
    no("2026年还清", EntityKind::Money);
    no("你的电话是13812345678吗", EntityKind::Money);
    no("一次性还清", EntityKind::Count);
    no("一周三次", EntityKind::Date);
    no("we have 2 options", EntityKind::Money);
    no("5200", EntityKind::Money);
    no("I'll call back in 10 minutes", EntityKind::Money);
    no("pay by the 15th", EntityKind::Money);
    no("还有2个问题", EntityKind::Money);
    no("three days", EntityKind::Money);
    no("pay 1/2 of the balance", EntityKind::Money);
    no("pay 1/2 of the balance", EntityKind::Date);
    no("transfer to account 6222021234567890123", EntityKind::Money);
    no("in 3 days", EntityKind::Duration);
    no("3天后", EntityKind::Duration);

    assert!(kinds("2026").is_empty());
    assert!(
        kinds("hello there how are you doing today my friend")
            .iter()
            .all(|k| *k == EntityKind::Date)
    );
    assert!(kinds("hello there how are you").is_empty());
    assert!(kinds("").is_empty());
    let count_only = extract("第3期", Lang::Zh, now());
    assert!(
        count_only.iter().all(|e| e.kind == EntityKind::Count),
        "{count_only:?}"
    );
}

/// The context rules: each case is read only because of one of them.
#[test]
fn context_rules() {
    let cases = [
        // "bal" is short for balance; "N hundred M" is read whole.
        money(
            "ur bal is twelve hundred forty",
            "twelve hundred forty",
            1240.0,
            None,
        ),
        // an amount right after a per-period phrase, past a comma
        money("how much can u manage a month, 75?", "75", 75.0, None),
        money("what works every week: 40", "40", 40.0, None),
        // a bare amount listed right after another one
        money("could u send 300? 250?", "250", 250.0, None),
        money("pay 400, or 350 if thats easier", "350", 350.0, None),
        // fees and "even just N will do"
        money("逾期要加收200手续费", "200", 200.0, None),
        money("哪怕三百也行", "三百", 300.0, None),
        money("你看八百也可以", "八百", 800.0, None),
        // "超过N天" is "more than N days", not "N days from now"
        dur("逾期超过60天会上报", "60天", 60.0, "day", 60.0),
        // an age is not a duration, but a span that is old still is
        dur(
            "its 3 years older than that",
            "3 years",
            1095.0,
            "year",
            3.0,
        ),
        dur("the debt is 6 months old", "6 months", 180.0, "month", 6.0),
        // ranks are titles, like Mr./Ms.
        name("this is Officer Daniels with the county", "Daniels"),
        name("hi this is deputy clerk Moore, about ur case", "Moore"),
        name("this is Sheriff Cole from the county", "Cole"),
        // lowercase first names passed a message, or told about
        name("can u tell maria her card is 2 months behind", "maria"),
        name("pls ask devon to call me back", "devon"),
        name("just so u know marcus owes us on a loan", "marcus"),
        // Chinese: asked for at a clause start, a surname alone, a message passed on
        name("喂 王芳在家吗", "王芳"),
        name("您好，我姓刘", "刘"),
        name("免贵姓欧阳", "欧阳"),
        name("麻烦转告小陈 让他回个电话", "小陈"),
    ];
    let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    let no = |text: &str, kind: EntityKind| {
        let out = extract(text, Lang::Zh, now());
        assert!(
            !out.iter().any(|e| e.kind == kind),
            "{text:?} should have no {kind:?}: {out:?}"
        );
    };
    no("超过30天", EntityKind::Date);
    no("hes 35 years old and still cant pay", EntityKind::Duration);
    no("twice a month, 3 times", EntityKind::Money);
    no("pay it by the 15th, 20 days from now", EntityKind::Money);
    no("we have 2 options? 3?", EntityKind::Money);
    no("can u tell him his loan is late", EntityKind::Name);
    no("let everyone know", EntityKind::Name);
    no("tell your wife her card is due", EntityKind::Name);
    no("this is the officer", EntityKind::Name);
    no("您贵姓", EntityKind::Name);
    no("老百姓都知道", EntityKind::Name);
    no("周末在家吗", EntityKind::Name);
    no("告诉老板一声", EntityKind::Name);
}

#[test]
fn whole_line_output_is_sorted_and_complete() {
    let out = extract("can u do 3k next fri", Lang::En, now());
    assert_eq!(
        out.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [EntityKind::Money, EntityKind::Date]
    );
    let out = extract("分6期每期800，下个月15号开始", Lang::Zh, now());
    assert_eq!(
        out.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [EntityKind::Count, EntityKind::Money, EntityKind::Date]
    );
    let out = extract("欠款5000元，逾期3个月了，我是张伟", Lang::Zh, now());
    assert_eq!(
        out.iter().map(|e| e.kind).collect::<Vec<_>>(),
        [EntityKind::Money, EntityKind::Duration, EntityKind::Name]
    );
}

#[test]
fn serde_kind_is_lowercase() {
    assert_eq!(
        serde_json::to_string(&EntityKind::Money).ok().as_deref(),
        Some("\"money\"")
    );
    assert_eq!(
        serde_json::to_string(&EntityKind::Duration).ok().as_deref(),
        Some("\"duration\"")
    );
}

#[test]
fn chinese_numeral_parser() {
    for (s, v) in [
        ("两万五", 25000.0),
        ("三千二", 3200.0),
        ("一百二", 120.0),
        ("十五", 15.0),
        ("一千零五", 1005.0),
        ("一万零五百", 10500.0),
        ("十万五", 105000.0),
        ("一亿五", 150_000_000.0),
        ("5.2万", 52000.0),
        ("1万5", 15000.0),
        ("1万5000", 15000.0),
        ("壹万贰仟", 12000.0),
        ("五六百", 600.0),
        ("三五千", 5000.0),
        ("十五六", 16.0),
        ("一两万", 20000.0),
        ("一万五六", 16000.0),
    ] {
        assert_eq!(numbers::parse_mixed(s), Some(v), "{s}");
    }
    for s in [
        "一二三",
        "三百五千",
        "万",
        "一万万",
        "五六",
        "三四五百",
        "五七百",
    ] {
        assert_eq!(numbers::parse_mixed(s), None, "{s}");
    }
    assert_eq!(numbers::parse_english("twenty-five"), Some(25.0));
    assert_eq!(
        numbers::parse_english("two thousand five hundred"),
        Some(2500.0)
    );
    assert_eq!(numbers::parse_english("five five"), None);
}

fn check_invariants(text: &str, out: &[Entity]) -> Result<(), TestCaseError> {
    let mut last_end = 0;
    for e in out {
        prop_assert!(e.span.start < e.span.end, "empty span {e:?}");
        prop_assert!(e.span.end <= text.len(), "out of bounds {e:?}");
        prop_assert!(
            text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end),
            "{e:?}"
        );
        prop_assert!(e.span.start >= last_end, "overlap or unsorted at {e:?}");
        last_end = e.span.end;
    }
    Ok(())
}

/// Fragments that exercise every recogniser when glued together at random.
const FRAGMENTS: &[&str] = &[
    "5200",
    "5,200",
    "$",
    "¥",
    "元",
    "块",
    "钱",
    "万",
    "千",
    "亿",
    "两",
    "五",
    "十",
    "零",
    "k",
    "K",
    "w",
    " ",
    ",",
    ".",
    "%",
    "折",
    "成",
    "期",
    "分",
    "第",
    "次",
    "天",
    "后",
    "内",
    "周",
    "星期",
    "下",
    "个",
    "月",
    "号",
    "日",
    "年",
    "半",
    "底",
    "初",
    "百分之",
    "next",
    "fri",
    "Friday",
    "in",
    "days",
    "the",
    "15th",
    "Dec",
    "12/5",
    "2026-12-05",
    "-",
    "/",
    "(",
    ")",
    "+1",
    "138",
    "1234",
    "5678",
    "555",
    "this is",
    "John",
    "Mr.",
    "我是",
    "王",
    "先生",
    "请问",
    "吗",
    "pay",
    "owe",
    "还",
    "欠",
    "bucks",
    "dollars",
    "thousand",
    "grand",
    "twenty",
    "-five",
    "times",
    "twice",
    "instalments",
    "months",
    "\u{0}",
    "\n",
    "\u{200b}",
    "é",
    "🙂",
    "ſ",
    "K",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>()) {
        let out = extract(&text, Lang::En, now());
        check_invariants(&text, &out)?;
    }

    #[test]
    fn never_panics_on_control_and_unicode(text in "[\\x00-\\x1f\\p{Han}\\p{L}\\p{N}\\p{P}\\p{S} ]{0,200}") {
        let out = extract(&text, Lang::Zh, now());
        check_invariants(&text, &out)?;
    }

    #[test]
    fn never_panics_on_dense_fragments(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..80)) {
        let text = parts.concat();
        let out = extract(&text, Lang::Zh, now());
        check_invariants(&text, &out)?;
    }

    #[test]
    fn never_panics_on_long_digit_runs(n in 1usize..400, d in "[0-9一二万亿,.]") {
        let text = d.repeat(n);
        let out = extract(&text, Lang::En, now());
        check_invariants(&text, &out)?;
    }

    #[test]
    fn chinese_money_round_trip(n in 1u64..100_000_000) {
        let zh = n.to_chinese(ChineseVariant::Simple, ChineseCase::Lower, ChineseCountMethod::TenThousand);
        prop_assert!(zh.is_ok());
        let text = format!("{}元", zh.unwrap_or_default());
        let out = extract(&text, Lang::Zh, now());
        prop_assert_eq!(out.len(), 1, "{} -> {:?}", text, out);
        prop_assert_eq!(out[0].kind, EntityKind::Money);
        prop_assert_eq!(&out[0].value, &EntityValue::Number(n as f64));
        prop_assert_eq!(out[0].currency, Some("CNY"));
        prop_assert_eq!(out[0].span.clone(), 0..text.len());
    }

    #[test]
    fn dollar_money_round_trip(n in 1u64..100_000_000) {
        let text = format!("${}", thousands(n));
        let out = extract(&text, Lang::En, now());
        prop_assert_eq!(out.len(), 1, "{} -> {:?}", text, out);
        prop_assert_eq!(out[0].kind, EntityKind::Money);
        prop_assert_eq!(&out[0].value, &EntityValue::Number(n as f64));
        prop_assert_eq!(out[0].currency, Some("USD"));
        prop_assert_eq!(out[0].span.clone(), 0..text.len());
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn one_megabyte_line_returns() {
    let unit = "u owe $5,200 by fri, 下周五之前先还三千吧 分6期每期800 call 138-1234-5678 this is John Smith 百分之二十 ";
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(unit);
    }
    let out = extract(&text, Lang::En, now());
    assert!(out.len() > 1000);
    // Pathological shapes (smaller, debug builds are slow): one giant numeral,
    // Chinese numeral soup, endless capitalised words, numbers everywhere.
    for filler in [
        "9",
        "一二三四五六七八九十",
        "Aa ",
        "12/",
        "$,",
        "1 ",
        "一 ",
        "我是",
        "王先生",
        "this is John ",
    ] {
        let text = filler.repeat((1 << 17) / filler.len());
        let _ = extract(&text, Lang::Zh, now());
    }
}

#[test]
fn the_fast_numeric_test_agrees_with_the_standard_one_on_every_char() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        assert_eq!(
            super::numeric(c),
            c.is_numeric(),
            "{:?} U+{:04X}",
            c,
            c as u32
        );
    }
}

/// `warm` builds every lazily built static: each module's list names all of the module's
/// (a static added without its entry would be built in the middle of some user's turn).
#[test]
fn warm_lists_every_lazy_static() {
    // A module's name, its source and how many statics its list holds.
    macro_rules! module {
        ($m:ident) => {
            (
                stringify!($m),
                include_str!(concat!(stringify!($m), ".rs")),
                super::$m::LAZIES.len(),
            )
        };
    }
    let sources = [
        module!(counts),
        module!(dates),
        module!(money),
        module!(names),
        module!(numbers),
        module!(percent),
        module!(phone),
    ];
    let declared = regex::Regex::new(r"static ([A-Z_0-9]+): LazyLock<").expect("pattern");
    for (module, source, listed) in sources {
        let names: Vec<&str> = declared
            .captures_iter(source)
            .map(|c| c.get(1).map_or("", |m| m.as_str()))
            .collect();
        assert_eq!(
            names.len(),
            listed,
            "{module}.rs: LAZIES should list {names:?}"
        );
        let list = source
            .split("pub(super) static LAZIES")
            .nth(1)
            .expect("a LAZIES list");
        for name in names {
            let entry = regex::Regex::new(&format!(r"&{name}\b")).expect("entry pattern");
            assert!(
                entry.is_match(list),
                "{module}.rs: {name} missing from LAZIES"
            );
        }
    }
    super::warm();
    super::touch();
}
