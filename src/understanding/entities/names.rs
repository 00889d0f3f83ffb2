//! Person names after self-introduction / addressing cues ("this is John Smith",
//! "Mr. Lee", "我是张伟", "王先生"). Value is the name without any title.

use std::sync::LazyLock;

use regex::Regex;

use super::{Ctx, Entity, EntityKind, EntityValue, is_han, prev_char};

/// Cue (case-insensitive) and/or title, then 1-3 capitalised words (case-sensitive).
static EN_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(?-u:\b)(?P<cue>(?i:this\s+is|my\s+name\s+is|my\s+name's|name's|i'm|i’m|i\s+am|am\s+i\s+(?:speaking|talking)\s+(?:with|to)|(?:speaking|talking)\s+(?:with|to)|(?:may|can|could)\s+i\s+(?:speak|talk)\s+(?:with|to)|is\s+this|is\s+that))[ \t]+(?:(?:Mr|Mrs|Ms|Miss|Dr|Mx|MR|MRS|MS|DR|mr|mrs|ms|dr)\.?[ \t]+)?|(?-u:\b)(?:Mr|Mrs|Ms|Miss|Dr|Mx|MR|MRS|MS|DR|mr|mrs|ms|dr)\.?[ \t]+)(?P<n>\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*){0,2})",
    )
    .expect("english name cue")
});

/// Capitalised words that are not (the start of) a person's name.
const EN_STOP: &[&str] = &[
    "From",
    "With",
    "Calling",
    "Here",
    "And",
    "Or",
    "But",
    "The",
    "A",
    "An",
    "It",
    "This",
    "That",
    "Your",
    "My",
    "Our",
    "We",
    "You",
    "He",
    "She",
    "They",
    "I",
    "I'm",
    "Yes",
    "No",
    "Not",
    "Just",
    "Sorry",
    "Ok",
    "OK",
    "Okay",
    "Hi",
    "Hello",
    "Regarding",
    "About",
    "Sir",
    "Madam",
    "Ma'am",
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Dr",
    "Please",
    "Thanks",
    "Thank",
    "Speaking",
    "Today",
    "Tomorrow",
    "Calling",
    "Going",
    "Trying",
    "Afraid",
    "Glad",
    "Happy",
    "Fine",
    "Good",
    "Sure",
    "Still",
    "So",
    "Very",
    "Really",
    "Is",
    "Are",
    "Correct",
    "Right",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Who",
    "What",
    "Where",
    "When",
    "Why",
    "How",
    "Collections",
    "Legal",
];

/// Words marking an organisation rather than a person.
const EN_ORG: &[&str] = &[
    "Recovery",
    "Collections",
    "Collection",
    "Bank",
    "Services",
    "Financial",
    "Finance",
    "Credit",
    "Agency",
    "Company",
    "Inc",
    "LLC",
    "Ltd",
    "Group",
    "Associates",
    "Solutions",
    "Capital",
    "Department",
    "Team",
    "Corp",
    "Corporation",
    "Partners",
    "Law",
    "Office",
];

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "慕容", "司徒", "夏侯", "令狐", "皇甫",
];

/// Stops a Chinese name run (particles, titles, verbs that follow names).
const ZH_STOPS: &[&str] = &[
    "的", "从", "来自", "先生", "女士", "小姐", "吗", "啊", "呀", "呢", "吧", "哈", "嘛", "在",
    "这边", "那边", "打", "给", "跟", "找", "负责", "是", "想", "要", "和", "哦", "噢", "啦", "了",
    "您", "你", "本人", "对吧", "对吗", "吧", "这", "那", "有", "就", "今天", "现在", "专门",
    "代表", "受", "委托", "联系",
];

/// Chars before a title that end the name run (you, is, please, ask...).
const ZH_FUNC: &str =
    "是您你请问的和跟给对找位个这那叫称呼好嗯喂哦啊呀吗呢吧了我他她在与及或被把让向";

/// A name ending/containing these is an organisation or a role, not a person.
const ZH_ORG: &[&str] = &[
    "银行",
    "公司",
    "中心",
    "部",
    "平台",
    "集团",
    "机构",
    "客服",
    "专员",
    "经理",
    "主管",
    "律师",
    "事务所",
    "工作人员",
    "催收",
    "法务",
    "同事",
    "贷",
    "金融",
    "网",
    "科技",
    "团队",
    "组",
];

/// Chars that cannot start a name after 我是 ("我是说", "我是不是", "我是他朋友").
const ZH_BAD_START: &str =
    "不没说来想要在觉认真的个那这他她它你您我们就也都还很太刚才一二三四五六七八九十替帮负代受";

static ZH_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"我是|我叫|请问您是|请问是|请问你是|您是|你是").expect("chinese name cue")
});

static ZH_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"先生|女士|小姐").expect("chinese titles"));

pub(super) fn find(ctx: &Ctx, out: &mut Vec<Entity>) {
    let t = ctx.text;
    for c in EN_CUE.captures_iter(t) {
        let Some(n) = c.name("n") else { continue };
        let mut end = n.start();
        for (i, w) in word_spans(n.as_str()) {
            // "John's" -> "John", and the name ends there.
            let possessive = w.ends_with("'s") || w.ends_with("’s");
            let w = w
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches(['\'', '’', '-']);
            if w.is_empty() || EN_STOP.contains(&w) {
                break;
            }
            end = n.start() + i + w.len();
            if possessive {
                break;
            }
        }
        if end == n.start() {
            continue;
        }
        let Some(name) = t.get(n.start()..end) else {
            continue;
        };
        if name.split_whitespace().any(|w| EN_ORG.contains(&w)) {
            continue;
        }
        out.push(Entity::new(
            EntityKind::Name,
            EntityValue::Text(name.to_string()),
            n.start()..end,
        ));
    }

    for m in ZH_CUE.find_iter(t) {
        let self_intro = matches!(m.as_str(), "我是" | "我叫");
        let start = skip_spaces(t, m.end());
        let run_end = han_run_end(t, start);
        let Some(run) = t.get(start..run_end) else {
            continue;
        };
        let name = cut_at_stop(run);
        if !(2..=4).contains(&name.chars().count()) {
            continue;
        }
        if ZH_ORG.iter().any(|o| name.contains(o)) {
            continue;
        }
        let first = name.chars().next().unwrap_or(' ');
        if self_intro {
            if ZH_BAD_START.contains(first) {
                continue;
            }
        } else if !starts_with_surname(name) {
            continue;
        }
        out.push(Entity::new(
            EntityKind::Name,
            EntityValue::Text(name.to_string()),
            start..start + name.len(),
        ));
    }

    for m in ZH_TITLE.find_iter(t) {
        // Walk back over at most 3 Han chars, stopping at function chars.
        let mut s = m.start();
        let mut count = 0;
        while count < 3 {
            match prev_char(t, s) {
                Some(c) if is_han(c) && !ZH_FUNC.contains(c) => {
                    s -= c.len_utf8();
                    count += 1;
                }
                _ => break,
            }
        }
        // Drop leading chars until the run starts with a surname ("您好王先生" -> 王).
        let Some(mut name) = t.get(s..m.start()) else {
            continue;
        };
        while !name.is_empty() && !starts_with_surname(name) {
            let skip = name.chars().next().map_or(name.len(), char::len_utf8);
            name = name.get(skip..).unwrap_or("");
        }
        if name.is_empty() {
            continue;
        }
        let start = m.start() - name.len();
        out.push(Entity::new(
            EntityKind::Name,
            EntityValue::Text(name.to_string()),
            start..m.start(),
        ));
    }
}

/// (byte offset, word) for each space-separated word.
fn word_spans(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split([' ', '\t'])
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

fn skip_spaces(t: &str, mut i: usize) -> usize {
    while let Some(c) = t.get(i..).and_then(|r| r.chars().next()) {
        if c != ' ' {
            break;
        }
        i += 1;
    }
    i
}

/// End of the Han run at `start`, capped: a name is at most 4 chars, and 6 is
/// enough to see that a longer run ("中国工商银行") is not one.
fn han_run_end(t: &str, start: usize) -> usize {
    let rest = t.get(start..).unwrap_or("");
    start
        + rest
            .chars()
            .take(6)
            .take_while(|c| is_han(*c))
            .map(char::len_utf8)
            .sum::<usize>()
}

/// The run up to the first stop word that is not at its very start.
fn cut_at_stop(run: &str) -> &str {
    for (i, _) in run.char_indices().skip(1) {
        let rest = &run[i..];
        if ZH_STOPS.iter().any(|s| rest.starts_with(s)) {
            return &run[..i];
        }
    }
    run
}

fn starts_with_surname(name: &str) -> bool {
    COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s))
        || name.chars().next().is_some_and(|c| SURNAMES.contains(c))
}
