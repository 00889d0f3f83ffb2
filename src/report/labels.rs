//! Interface labels (not content): the few words of chrome around content, in both languages.

use crate::lang::Lang;

/// (key, English, Chinese)
const LABELS: &[(&str, &str, &str)] = &[
    ("briefing", "Briefing", "来电简报"),
    ("calling", "Calling", "联系对象"),
    ("answerer", "Who answers", "接听人"),
    ("account", "Account", "账户"),
    ("creditor", "Creditor", "债权方"),
    ("agency", "Your agency", "您所在机构"),
    ("product", "Product", "产品"),
    ("reference", "Reference", "尾号"),
    ("principal", "Principal", "本金"),
    ("interest", "Interest", "利息"),
    ("fees", "Fees", "费用"),
    ("balance", "Balance", "欠款金额"),
    ("due_date", "Due date", "到期日"),
    ("days_past_due", "Days past due", "逾期天数"),
    ("minimum_payment", "Minimum payment", "最低还款额"),
    ("policy", "What you may offer", "可协商方案"),
    ("max_instalments", "Max instalments", "最多分期"),
    ("min_first_payment", "Min first payment", "首期最低"),
    ("settlement_floor", "Settlement floor", "和解最低比例"),
    ("waivable_fees", "Waivable fees", "可减免费用"),
    ("facts", "What is true", "事实"),
    ("credit_reporting", "Reported to credit bureau", "报送征信"),
    ("lawsuit_authorized", "Lawsuit authorised", "已授权起诉"),
    ("time_barred", "Time-barred", "已过诉讼时效"),
    ("verification", "Verification data", "身份核实信息"),
    ("dob", "Date of birth", "出生日期"),
    ("id_last4", "ID last 4", "证件后四位"),
    ("address", "Address", "地址"),
    ("phone", "Phone", "电话"),
    ("context", "Call", "本次通话"),
    ("local_time", "Local time", "当地时间"),
    ("attempt", "Attempt", "第几次联系"),
    ("first_contact", "First contact", "首次联系"),
    ("calls_last_7_days", "Calls in last 7 days", "近7天通话次数"),
    ("rubric", "Graded with", "评分标准"),
    ("yes", "yes", "是"),
    ("no", "no", "否"),
    ("none", "none", "无"),
    ("borrower", "the borrower", "借款人本人"),
    ("third_party", "someone else may answer", "可能由他人接听"),
    ("impostor", "the borrower (unconfirmed)", "借款人（未核实）"),
];

pub fn label(key: &str, lang: Lang) -> &'static str {
    lookup(LABELS, key, lang)
}

/// A label from a `(key, English, Chinese)` table; `?` for a key the table lacks.
pub fn lookup(table: &'static [(&str, &str, &str)], key: &str, lang: Lang) -> &'static str {
    table
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, zh)| if lang == Lang::Zh { *zh } else { *en })
        .unwrap_or("?")
}

pub fn yes_no(value: bool, lang: Lang) -> &'static str {
    label(if value { "yes" } else { "no" }, lang)
}

/// An amount as a collector says it: `$5,200.00` or `5,200.00元`.
pub fn money(amount: f64, currency: &str) -> String {
    let full = figure(amount);
    let number = full.strip_suffix(".00").unwrap_or(&full);
    let (sign, number) = match number.strip_prefix('-') {
        Some(n) => ("-", n),
        None => ("", number),
    };
    match currency {
        "USD" => format!("{sign}${number}"),
        "GBP" => format!("{sign}£{number}"),
        _ => format!("{sign}{number}元"),
    }
}

/// An amount with thousands grouped and always two decimals: 6240.2 -> `6,240.20`.
pub fn figure(amount: f64) -> String {
    let cents = (amount * 100.0).round() as i64;
    let (whole, frac) = (cents.abs() / 100, cents.abs() % 100);
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + 6);
    if cents < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(&format!(".{frac:02}"));
    out
}
