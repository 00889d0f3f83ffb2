//! Person names after self-introduction / addressing cues ("this is John Smith",
//! "Mr. Lee", "我是张伟", "王先生"). Value is the name without any title.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Ctx, Entity, EntityKind, EntityValue, Words, compile, gated, is_han, prev_char};

/// Cue (case-insensitive) and/or title, then 1-3 capitalised words (case-sensitive).
static EN_CUE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:(?-u:\b)(?P<cue>(?i:this\s+is|it's|it’s|its|(?:under|in)\s+my\s+name|my\s+name\s+is|my\s+name's|my\s+name’s|name's|name’s|i'm|i’m|i\s+am|am\s+i\s+(?:speaking|talking|speakin|talkin)\s+(?:with|w/|w|to)(?:\s+the\s+account\s+holder)?|(?:speaking|talking|speakin|talkin)\s+(?:with|w/|w|to)(?:\s+the\s+account\s+holder)?|(?:may|can|could)\s+i\s+(?:speak|talk)\s+(?:with|w/|w|to)|(?:need|want|like|trying)\s+to\s+(?:speak|talk)\s+(?:with|w/|w|to)|calling\s+for|looking\s+for|trying\s+to\s+(?:reach|contact|get\s+(?:a\s+)?hold\s+of)|is\s+this|is\s+that))[ \t]+(?P<t1>(?:Mr|Mrs|Ms|Miss|Dr|Mx|MR|MRS|MS|DR|mr|mrs|ms|dr|Mister|mister)\.?[ \t]+)?|(?-u:\b)(?P<t2>(?:Mr|Mrs|Ms|Miss|Dr|Mx|MR|MRS|MS|DR|mr|mrs|ms|dr|Mister|mister)\.?[ \t]+))(?P<n>\p{L}[\p{L}'’\-]*(?:[ \t]+\p{L}[\p{L}'’\-]*){0,2})",
    )
});

/// A name placed by what follows it: "Ashley here", "Sara called", "is Kevin Liu home", "let Mike
/// know", "have Dana call", "tell Jake his card ...", "Jess from Meridian", "when Carlos gets
/// home"; a rank before it ("officer Reed"); a greeting before it and a comma after ("hey
/// Lamar,"); or thanks before it and a farewell or the line's end after ("thanks Odette have a
/// good one", "Thanks, Kyle."; not "Thanks Alex. Before we go on", which reads as a close once
/// the name is masked); a relation before it ("ur husband Paul owes", "ur coworker Dave"); a
/// farewell before it at the line's end ("have a great weekend Mia"); a sentence it opens with
/// "works for", "lives with" or "owes us" ("Bobby works for u right?"; not "Autopay works").
static EN_AROUND: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?-u:\b)(?:(?P<a>\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*)?)[ \t]+(?i:here|calling|called|speaking)(?-u:\b)|(?i:is|let|have|tell|ask|get)[ \t]+(?P<b>\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*)?)[ \t]+(?i:around|about|home|there|available|in|know|call|give|to|his|her|that|if|when)(?-u:\b)|(?i:when|once|after|until|till|if)[ \t]+(?P<h>\p{Lu}[\p{L}'’\-]*)[ \t]+(?i:gets|comes|is|will\s+be)[ \t]+(?i:home|back|in|around|available|free)(?-u:\b)|(?i:thanks|thank\s+you|thx)(?:[ \t]+(?i:for[ \t]+(?:ur|your|you|u)r?[ \t]+(?:time|help|patience)|so\s+much|again))?[ \t]*,?[ \t]+(?P<i>\p{Lu}[\p{L}'’\-]*)(?:[ \t]*[,.!?]*[ \t]*$|[ \t]*,?[ \t]+(?i:take|have|bye|talk)(?-u:\b))|(?i:officer|detective|agent|deputy|sergeant|sgt\.?|lieutenant|lt\.|investigator|judge)[ \t]+(?P<c>\p{L}[\p{L}\-]+(?:[ \t]+\p{Lu}[\p{L}'’\-]+)?)|(?:^|[,.!?][ \t]*|(?i:hey|hi|hello|hiya|yo)[ \t]+)(?P<d>\p{Lu}[\p{L}'’\-]*)[ \t]+(?i:from|with|w/)[ \t]+\p{Lu}|(?i:call|ring|phone|text)[ \t]+(?P<f>\p{Lu}[\p{L}'’\-]*)[ \t]+(?i:back|at|on)(?-u:\b)|(?i:give)[ \t]+(?P<g>\p{Lu}[\p{L}'’\-]*)[ \t]+(?i:a[ \t]+(?:call|ring|shout))(?-u:\b)|(?i:husband|wife|son|daughter|brother|sister|roommate|coworker|co-worker|colleague|boss|boyfriend|girlfriend|fiance|fiancee|tenant|nephew|niece|cousin)[ \t]+(?P<j>\p{Lu}[\p{L}'’\-]*)(?-u:\b)|(?i:have\s+an?\s+(?:good|great|nice|lovely|wonderful|blessed)\s+(?:one|day|night|evening|weekend|afternoon|morning|week)|take\s+care|talk\s+soon|bye\s+now|goodbye)[ \t]*,?[ \t]+(?P<k>\p{Lu}[\p{L}'’\-]*)[ \t]*[,.!?]*[ \t]*$|(?:^|[,.!?][ \t]*)(?P<l>\p{Lu}[\p{L}'’\-]*)[ \t]+(?i:works\s+(?:for|at|with)|lives\s+(?:with|at|in|next|there|here)|owes\s+(?:us|you|u|ya|me|the|money)|mentioned\s+(?:that|you|u|it))(?-u:\b))",
    )
});

/// A greeting before a capitalised word and a comma, the end or the next sentence after it
/// ("hey Lamar,", "Hi Daniel how are you"). Kept apart from
/// `EN_AROUND` so that its comma can still start the next match ("hey Lamar, Jess from ...").
static EN_GREET: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?-u:\b)(?i:hey|hi|hello|hiya|morning|afternoon|evening)[ \t]+(?P<e>\p{Lu}[\p{L}'’\-]*)(?:[ \t]*[,.!?]|[ \t]*$|[ \t]+(?i:this|it's|its|how|my|i'm|im|hope|sorry|thanks|thank|just|it’s|i’m)(?-u:\b))",
    )
});

/// "is this kevin okafor", "am i speaking with daniel reyes?": a lowercase full name that ends
/// the question (one word alone is too often an ordinary word: "is this ok").
static EN_LOWER_FULL: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i:(?-u:\b)(?:is\s+this|is\s+that|am\s+i\s+(?:speaking|talking)\s+(?:with|w/|w|to)|(?:speaking|talking)\s+(?:with|w/|w|to)|(?:may|can|could)\s+i\s+(?:speak|talk)\s+(?:with|w/|w|to)))[ \t]+(?P<n>[a-z][a-z'’\-]+[ \t]+[a-z][a-z'’\-]+)[ \t]*(?:$|[?,.!])",
    )
});

/// Ordinary words that can follow "is this" in pairs ("is this legit though", "is this ok now").
const EN_LOWER_COMMON: &[&str] = &[
    "ok",
    "okay",
    "true",
    "real",
    "legit",
    "serious",
    "fair",
    "clear",
    "possible",
    "enough",
    "though",
    "too",
    "please",
    "bad",
    "better",
    "worse",
    "time",
    "number",
    "line",
    "phone",
    "debt",
    "account",
    "about",
    "call",
    "really",
    "even",
    "all",
    "for",
    "still",
    "right",
    "correct",
    "wrong",
    "sure",
    "fine",
    "good",
    "great",
    "legal",
    "allowed",
    "normal",
    "done",
    "over",
    "necessary",
    "needed",
    "mine",
    "yours",
    "his",
    "hers",
    "some",
    "kind",
    "sort",
    "joke",
    "scam",
    "again",
    "yet",
    "not",
    "so",
    "just",
    "going",
    "happening",
];

/// "is danny around": a lowercase first name asked for by someone who answered.
static EN_ASK_LOWER: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i:(?-u:\b)is)[ \t]+(?P<n>[a-z]{3,})[ \t]+(?i:around|home|there|available)(?-u:\b)")
});

/// A lowercase first name a third party is asked to pass on or is told about: "can u tell jake his
/// loan is behind", "ask maria to call", "just letting u know kevin defaulted on a loan".
static EN_RELAY_LOWER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?-u:\b)(?i:tell|let|ask|remind)[ \t]+(?P<n>[a-z][a-z'’\-]{2,})[ \t]+(?i:his|her|know|to[ \t]+call|call[ \t]+(?:me|us|back)|that[ \t]+(?:he|she|his|her))(?-u:\b)|(?-u:\b)(?i:know)[ \t,:]+(?P<m>[a-z][a-z'’\-]{2,})[ \t]+(?i:defaulted|owes|owed|borrowed|missed|skipped|hasnt|hasn't|hasn’t|has[ \t]+not|stopped[ \t]+paying|is[ \t]+(?:behind|late|overdue|delinquent))(?-u:\b)",
    )
});

/// Ranks and job titles said before a surname ("Officer Daniels", "deputy clerk Moore"): like
/// Mr./Ms. they are not part of the name.
const EN_RANKS: &[&str] = &[
    "officer",
    "detective",
    "agent",
    "deputy",
    "sergeant",
    "sgt",
    "investigator",
    "judge",
    "clerk",
    "inspector",
    "lieutenant",
    "captain",
    "sheriff",
    "marshal",
    "constable",
    "attorney",
    "counselor",
    "paralegal",
    "special",
    "chief",
    "senior",
];

/// Where the name starts in `s`, past any leading rank words (all of `s` when it holds nothing
/// else, which the callers then reject as naming no one).
fn rank_prefix(s: &str) -> usize {
    let mut off = 0;
    for (i, w) in word_spans(s) {
        if !is_rank(w) {
            return i;
        }
        off = i + w.len();
    }
    off
}

fn is_rank(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    EN_RANKS.iter().any(|r| r.eq_ignore_ascii_case(w))
}

/// Words that stand where a name could but are not one ("is everyone home", "is mom around").
const EN_NOT_NAME: &[&str] = &[
    "everyone",
    "everybody",
    "anyone",
    "anybody",
    "someone",
    "somebody",
    "nobody",
    "mom",
    "dad",
    "mum",
    "mother",
    "father",
    "wife",
    "husband",
    "this",
    "that",
    "there",
    "here",
    "now",
    "today",
    "tomorrow",
    "general",
    "it",
    "he",
    "she",
    "they",
    "your",
    "the",
    "everything",
    "anything",
    "something",
    "nothing",
    "who",
    "what",
    "why",
    "how",
    "when",
    "where",
    "whoever",
    "people",
    "ppl",
    "yall",
    "family",
    "son",
    "daughter",
    "brother",
    "sister",
    "boss",
    "friend",
    "partner",
    "kids",
];

/// Words after a lowercase self-introduced name that confirm it ("its kevin calling from").
const EN_AFTER_INTRO: &[&str] = &["calling", "here", "from", "with", "w", "speaking", "at"];

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

/// Lowercase words that end a lowercase name ("my name is priya and ...").
/// Checked in addition to `EN_STOP`, case-insensitively.
const EN_LOWER_STOP: &[&str] = &[
    "thats",
    "whats",
    "hes",
    "shes",
    "theyre",
    "youre",
    "cuz",
    "coz",
    "so",
    "just",
    "please",
    "thanks",
    "ok",
    "okay",
    "due",
    "past",
    "late",
    "overdue",
    "gonna",
    "only",
    "too",
    "on",
    "in",
    "at",
    "of",
    "for",
    "to",
    "by",
    "as",
    "am",
    "was",
    "were",
    "be",
    "been",
    "call",
    "there",
    "w",
    "re",
    "his",
    "her",
    "their",
    "also",
    "actually",
    "which",
    "can",
    "could",
    "would",
    "will",
    "shall",
    "might",
    "must",
    "do",
    "does",
    "did",
    "have",
    "has",
    "had",
    "get",
    "got",
    "if",
    "then",
    "than",
    "these",
    "those",
    "its",
    "im",
    "ive",
    "id",
    "ill",
    "u",
    "ur",
    "ya",
    "me",
    "us",
    "him",
    "them",
    "yeah",
    "maam",
    "now",
    "available",
    "home",
    "around",
    "speak",
    "talk",
    "hey",
    "morning",
    "afternoon",
    "evening",
    "there",
    "calling",
    "speaking",
    "here",
    "from",
    "with",
    "and",
    "or",
    "but",
    "is",
    "are",
    "the",
    "a",
    "an",
];

fn is_lower_stop(w: &str) -> bool {
    EN_LOWER_STOP.contains(&w) || EN_STOP.iter().any(|s| s.eq_ignore_ascii_case(w))
}

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
    "Energy",
    "Utilities",
    "Telecom",
    "Mobile",
    "Lending",
    "Loans",
    "Servicing",
    "Furniture",
    "Motors",
    "Auto",
    "Medical",
    "Health",
    "Hospital",
    "Clinic",
    "Water",
    "Power",
    "Broadband",
    "Insurance",
    "Store",
    "Stores",
    "Pay",
    "Card",
    "Cards",
];

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "慕容", "司徒", "夏侯", "令狐", "皇甫",
];

/// Stops a Chinese name run (particles, titles, verbs that follow names).
const ZH_STOPS: &[&str] = &[
    "的",
    "从",
    "来自",
    "先生",
    "女士",
    "小姐",
    "吗",
    "啊",
    "呀",
    "呢",
    "吧",
    "哈",
    "嘛",
    "在",
    "这边",
    "那边",
    "打",
    "给",
    "跟",
    "找",
    "负责",
    "是",
    "想",
    "要",
    "和",
    "哦",
    "噢",
    "啦",
    "了",
    "您",
    "你",
    "本人",
    "对吧",
    "对吗",
    "吧",
    "这",
    "那",
    "有",
    "就",
    "今天",
    "现在",
    "专门",
    "代表",
    "受",
    "委托",
    "联系",
    "请",
    "工号",
    "来电",
    "通知",
    // "你是刘强同事吧": a relation after the name is not part of it.
    "同事",
    "朋友",
    "家人",
    "领导",
    "老婆",
    "老公",
    "爱人",
    "妻子",
    "丈夫",
    "室友",
    "邻居",
    "同学",
    "亲戚",
    "哥哥",
    "姐姐",
    "弟弟",
    "妹妹",
    "妈妈",
    "爸爸",
    "母亲",
    "父亲",
    "儿子",
    "女儿",
    "紧急联系人",
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
    "资产",
    "法院",
    "派出所",
    "公安",
    "警察",
    "检察",
    "局",
    "院",
    "所",
    "保险",
    "证券",
    "信托",
    "基金",
    "小贷",
    "仲裁",
    "委",
    "政府",
    "街道",
    "社区",
    "单位",
    "物业",
];

/// Chars that cannot start a name after 我是 ("我是说", "我是不是", "我是他朋友").
const ZH_BAD_START: &str =
    "不没说来想要在觉认真的个那这他她它你您我们就也都还很太刚才一二三四五六七八九十替帮负代受";

static ZH_CUE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"我这边是|我是|我叫|请问您是不是|请问你是不是|您是不是|你是不是|请问您是|请问是|请问你是|您是|你是",
    )
});

/// "请问王强在家吗", "李明在不在", "喂 李娜在家不": the borrower asked for by name, starting a clause.
static ZH_ASK: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:(?:^|[\s，,。！!？?])\s*(?:喂|请问|找一下|找下|叫一下|麻烦找)?|请问|找一下|找下|叫一下|麻烦找)\s*(?P<n>\p{Han}{2,4}?)(?:在家|在不在|在吗|在么|在公司|在单位)",
    )
});

/// "你们公司的李强 他…", "那个张伟网贷逾期": a person pointed at by 那个/这个/…的, then a pause or
/// what is said about them.
static ZH_POINTED: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:那个|这个|公司的|单位的|你们的|你家的|你家|家里的)\s*(?P<n>\p{Han}{2,3}?)(?:\s|[，,。！!？?]|他|她|网贷|贷款|逾期|欠|在|的|还|最近|是|吗|呢)",
    )
});

/// When, not who: "我是上周给您打过电话的客服孙悦" introduces 孙悦, not 上周.
const ZH_WHEN: &[&str] = &[
    "上周", "上次", "上个", "之前", "刚才", "昨天", "前天", "今天", "明天",
];

/// Words that start with a surname char but are not names ("那个时候", "那个钱").
const ZH_POINTED_NOT: &[&str] = &[
    "周一",
    "周二",
    "周三",
    "周四",
    "周五",
    "周六",
    "周日",
    "周末",
    "明白",
    "明确",
    "真",
    "对",
    "好",
    "可以",
    "方便",
    "安全",
    "应该",
    "这样",
    "高兴",
    "严重",
    "麻烦",
    "冷静",
    "成功",
    "明早",
    "明晚",
    "申请",
    "简单",
    "曾经",
    "时候",
    "时间",
    "钱",
    "方面",
    "方式",
    "平台",
    "金额",
    "高利",
    "明天",
    "明年",
    "白天",
    "黄金",
    "万元",
    "事情",
    "项目",
    "单子",
    "电话",
    "号码",
    "人",
    "朋友",
    "同事",
    "老板",
    "老婆",
    "老公",
    "小孩",
    "孩子",
    "房子",
    "车",
    "月",
    "年",
    "周",
    "本金",
    "利息",
    "账户",
    "账号",
    "程序",
    "应用",
    "全部",
    "全款",
    "全额",
    "余额",
    "管理",
    "文件",
    "关系",
    "安排",
    "和解",
    "段时间",
    "时",
    "金",
];

/// "找一下王强", "我找李娜", "麻烦转告小李 他…": the borrower asked for or to be told, by name,
/// the name ending the clause.
static ZH_FIND: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:(?:找一下|找下|我找|帮我找|麻烦找|转告|告诉|通知)(?:一下|一声)?\s*(?P<n>\p{Han}{2,3}?)(?:$|[\s，,。！!？?]|吗|呢|吧|啊|呀|他|她)|(?:跟|和)\s*(?P<m>\p{Han}{2,3}?)\s*(?:说一声|说一下|说|讲|带个话|带句话|转达))",
    )
});

/// "您好，是李明吗", "喂，刘芳吗", "潘浩宇是吧", "是赵一鸣家吧": a name asked back as a whole short
/// question.
static ZH_IS_IT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:^|[\s，,。！!？?]|喂|您好|你好)(?:是?(?P<n>\p{Han}{2,3}?)(?:吗|么|嘛|是吧|对吧|是吗|是不是)|是(?P<m>\p{Han}{2,3}?)(?:家吧|家吗|他们(?:公司|单位|家)吧?))",
    )
});

/// "王强你好", "您好，王强": a name greeted directly, alone before or after the greeting.
static ZH_GREETED: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\s*(?P<n>\p{Han}{2,3}?)[，,\s]*(?:你好|您好)|(?:你好|您好|喂)[，,\s]*(?P<m>\p{Han}{2,3}?)\s*[吗么嘛呀啊]?\s*[。！!，,？?]?\s*$",
    )
});

/// "我姓张", "免贵姓王", "律师 姓张": a surname given alone, the clause ending after it.
static ZH_SURNAME_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:^|[\s，,。！!？?]|我|免贵|本人|他|她)姓(?P<n>欧阳|司马|诸葛|上官|东方|慕容|司徒|夏侯|令狐|皇甫|\p{Han})(?:$|[\s，,。！!？?的吗呢啊哈吧])",
    )
});

/// "上次联系您的客服陈静，…": a name right after the speaker's role, ending its clause.
static ZH_ROLE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:客服|专员|催收员|坐席|工作人员|经理|主管)(?P<n>\p{Han}{2,3}?)(?:$|[\s，,。！!？?；;]|工号|哈|啊|呀|这边)",
    )
});

static ZH_TITLE: LazyLock<Regex> = LazyLock::new(|| compile(r"先生|女士|小姐|律师|警官"));

pub(super) fn find(ctx: &Ctx, out: &mut Vec<Entity>) {
    let t = ctx.text;
    // Every English cue holds a Latin letter; every Chinese one a Han character.
    if ctx.latin {
        english(ctx, out);
        for c in gated(ctx.may(Words::Relay), || EN_RELAY_LOWER.captures_iter(t)) {
            let Some(n) = c.name("n").or(c.name("m")) else {
                continue;
            };
            let w = n.as_str().to_ascii_lowercase();
            if !is_lower_stop(&w) && !EN_NOT_NAME.contains(&w.as_str()) {
                push_name(out, n.as_str(), n.start());
            }
        }
    }
    if ctx.han {
        chinese(t, out);
    }
}

fn english(ctx: &Ctx, out: &mut Vec<Entity>) {
    let t = ctx.text;
    // Restart right after a rejected cue so that a later cue or title inside
    // its would-be name ("i'm calling for Mr. Lee") is still seen.
    let mut pos = 0;
    while let Some(c) = EN_CUE.captures_at(t, pos) {
        let Some(n) = c.name("n") else { break };
        match en_name(t, &c) {
            Some(span) => {
                pos = span.end;
                out.push(Entity::new(
                    EntityKind::Name,
                    EntityValue::Text(t.get(span.clone()).unwrap_or("").to_string()),
                    span,
                ));
            }
            None => pos = n.start(),
        }
    }

    let greeted = gated(ctx.may(Words::Greet), || EN_GREET.captures_iter(t));
    for c in EN_AROUND.captures_iter(t).chain(greeted) {
        let Some(n) = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]
            .into_iter()
            .find_map(|g| c.name(g))
        else {
            continue;
        };
        // A rank may precede a lowercase surname ("officer johnson"), but not a common word.
        if c.name("c").is_some()
            && n.as_str().starts_with(char::is_lowercase)
            && is_lower_stop(n.as_str())
        {
            continue;
        }
        let not_name = |w: &str| {
            EN_ORG.contains(&w)
                || EN_STOP.contains(&w)
                || EN_NOT_NAME.contains(&w.to_lowercase().as_str())
        };
        let mut off = rank_prefix(n.as_str());
        // "Lauren Pike here" is a full name; in "Hi Lauren here" the greeting is not part of it.
        if c.name("a").is_some()
            && let Some((first, rest)) = n.as_str().split_once([' ', '\t'])
            && not_name(first)
        {
            off = n.as_str().len() - rest.trim_start().len();
        }
        let name = n.as_str()[off..]
            .trim_end_matches("'s")
            .trim_end_matches("’s");
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.is_empty() || words.iter().any(|w| not_name(w)) {
            continue;
        }
        out.push(Entity::new(
            EntityKind::Name,
            EntityValue::Text(name.to_string()),
            n.start() + off..n.start() + off + name.len(),
        ));
    }
    for c in gated(ctx.may(Words::Asked), || EN_LOWER_FULL.captures_iter(t)) {
        let Some(n) = c.name("n") else { continue };
        let ordinary = n.as_str().split_whitespace().any(|w| {
            let w = w.to_ascii_lowercase();
            is_lower_stop(&w)
                || EN_NOT_NAME.contains(&w.as_str())
                || EN_LOWER_COMMON.contains(&w.as_str())
        });
        if !ordinary {
            out.push(Entity::new(
                EntityKind::Name,
                EntityValue::Text(n.as_str().to_string()),
                n.range(),
            ));
        }
    }
    for c in gated(ctx.may(Words::Whereabouts), || {
        EN_ASK_LOWER.captures_iter(t)
    }) {
        let Some(n) = c.name("n") else { continue };
        if is_lower_stop(n.as_str()) || EN_NOT_NAME.contains(&n.as_str()) {
            continue;
        }
        out.push(Entity::new(
            EntityKind::Name,
            EntityValue::Text(n.as_str().to_string()),
            n.range(),
        ));
    }
}

fn chinese(t: &str, out: &mut Vec<Entity>) {
    for m in ZH_CUE.find_iter(t) {
        let self_intro = matches!(m.as_str(), "我是" | "我叫" | "我这边是");
        let start = skip_spaces(t, m.end());
        let Some(run) = t.get(start..han_run_end(t, start, 16)) else {
            continue;
        };
        // "我是安信金融的李娜", "我是法院的": what comes before 的 is who the speaker
        // belongs to; it is a name only if it looks like one ("我是张伟的同事").
        let de = run
            .char_indices()
            .skip(1)
            .take(7)
            .find(|(_, c)| *c == '的')
            .map(|(i, _)| i);
        if let Some(i) = de {
            let aff = run.get(..i).unwrap_or("");
            if personal_name(aff) {
                push_name(out, aff, start);
            }
            let rest_start = start + i + '的'.len_utf8();
            let rest = run.get(i + '的'.len_utf8()..).unwrap_or("");
            let (skip, rest) = strip_roles(rest);
            let name = cut_at_stop(rest);
            if personal_name(name) {
                push_name(out, name, rest_start + skip);
            }
            continue;
        }
        // "我是催收专员小王": a role, then the name.
        let (skip, rest) = strip_roles(run);
        let name = cut_at_stop(rest);
        if skip > 0 {
            if personal_name(name) {
                push_name(out, name, start + skip);
            }
            continue;
        }
        if !(2..=4).contains(&name.chars().count()) {
            continue;
        }
        if ZH_ORG.iter().any(|o| name.contains(o)) {
            continue;
        }
        let first = name.chars().next().unwrap_or(' ');
        if self_intro {
            if ZH_BAD_START.contains(first) || ZH_WHEN.iter().any(|w| name.starts_with(w)) {
                continue;
            }
        } else if !starts_with_surname(name) {
            continue;
        }
        push_name(out, name, start);
    }

    for c in ZH_ASK.captures_iter(t) {
        let untitled = |n: &regex::Match| !ZH_TITLE.is_match(n.as_str());
        if let Some(n) = c
            .name("n")
            .filter(|n| personal_name(n.as_str()) && untitled(n) && !not_a_name(n.as_str()))
        {
            push_name(out, n.as_str(), n.start());
        }
    }

    for c in ZH_POINTED
        .captures_iter(t)
        .chain(ZH_FIND.captures_iter(t))
        .chain(ZH_IS_IT.captures_iter(t))
        .chain(ZH_GREETED.captures_iter(t))
    {
        let Some(n) = c.name("n").or(c.name("m")) else {
            continue;
        };
        let name = n.as_str();
        if personal_name(name) && !ZH_TITLE.is_match(name) && !not_a_name(name) {
            push_name(out, name, n.start());
        }
    }

    for c in ZH_ROLE_NAME.captures_iter(t) {
        if let Some(n) = c.name("n").filter(|n| {
            let name = n.as_str();
            starts_with_surname(name) && personal_name(name) && !not_a_name(name)
        }) {
            push_name(out, n.as_str(), n.start());
        }
    }

    for c in gated(t.contains('姓'), || ZH_SURNAME_ONLY.captures_iter(t)) {
        if let Some(n) = c.name("n").filter(|n| starts_with_surname(n.as_str())) {
            push_name(out, n.as_str(), n.start());
        }
    }

    for m in ZH_TITLE.find_iter(t) {
        // "恒安律师事务所", "律师函": the firm or the letter, not a lawyer's name.
        if ["事务所", "所", "函", "费", "团队", "楼"]
            .iter()
            .any(|w| t[m.end()..].starts_with(w))
        {
            continue;
        }
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
        // "黄丽华黄女士": the full name just before already names her.
        if name.chars().count() == 1 && super::before(t, start, 12).contains(name) {
            continue;
        }
        out.push(Entity::new(
            EntityKind::Name,
            EntityValue::Text(name.to_string()),
            start..m.start(),
        ));
    }
}

/// The name captured after an English cue or title, if it is one.
fn en_name(t: &str, c: &regex::Captures) -> Option<Range<usize>> {
    let whole = c.name("n")?;
    // "this is Officer Daniels": the rank is a title, and the name starts after it.
    let off = rank_prefix(whole.as_str());
    let n_start = whole.start() + off;
    let n_str = whole.as_str().get(off..).filter(|s| !s.is_empty())?;
    // Lowercase names only after a title or "my name is": "this is mike" is too loose.
    let lower = n_str.starts_with(|ch: char| ch.is_lowercase());
    let titled = off > 0 || c.name("t1").is_some() || c.name("t2").is_some();
    let named = c
        .name("cue")
        .is_some_and(|q| q.as_str().to_lowercase().contains("name"));
    let cue = c
        .name("cue")
        .map(|q| q.as_str().to_lowercase())
        .unwrap_or_default();
    let asked = cue.contains("speak") || cue.contains("talk");
    let introduced = {
        let mut words = n_str.split([' ', '\t']).filter(|w| !w.is_empty());
        let first = words.next().unwrap_or("");
        let next = words.next().unwrap_or("").to_lowercase();
        !is_lower_stop(first) && EN_AFTER_INTRO.contains(&next.as_str())
    };
    if lower && !titled && !named && !asked && !introduced {
        return None;
    }
    if lower && words_not_name(n_str) {
        return None;
    }
    let mut end = n_start;
    for (k, (i, w)) in word_spans(n_str).enumerate() {
        let first_ch = w.chars().next();
        if k > 0 && first_ch.is_some_and(char::is_lowercase) != lower {
            break; // "Linda is": a name does not change case midway
        }
        if lower && (k >= 2 || is_lower_stop(w) || w.chars().count() < 2) {
            break;
        }
        // "John's" -> "John", and the name ends there.
        let possessive = w.ends_with("'s") || w.ends_with("’s");
        let w = w
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_end_matches(['\'', '’', '-']);
        if w.is_empty() || EN_STOP.contains(&w) {
            break;
        }
        end = n_start + i + w.len();
        if possessive {
            break;
        }
    }
    let name = t.get(n_start..end).filter(|s| !s.is_empty())?;
    if name.split_whitespace().any(|w| EN_ORG.contains(&w)) {
        return None;
    }
    Some(n_start..end)
}

/// A lowercase capture that starts with a word like "someone" or "the".
fn words_not_name(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("").to_lowercase();
    EN_NOT_NAME.contains(&first.as_str())
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

fn push_name(out: &mut Vec<Entity>, name: &str, start: usize) {
    out.push(Entity::new(
        EntityKind::Name,
        EntityValue::Text(name.to_string()),
        start..start + name.len(),
    ));
}

/// Job titles that may stand between "我是…的" and the name.
const ZH_ROLES: &[&str] = &[
    "催收专员",
    "催收员",
    "专员",
    "客服",
    "客户经理",
    "经理",
    "主管",
    "工作人员",
    "业务员",
    "调解员",
    "法务",
    "律师",
    "同事",
    "坐席",
    "负责人",
    "助理",
    "组长",
];

/// Drops leading job titles; returns the bytes skipped and the rest.
fn strip_roles(mut s: &str) -> (usize, &str) {
    let full = s.len();
    for _ in 0..3 {
        match ZH_ROLES.iter().find_map(|r| s.strip_prefix(r)) {
            Some(rest) => s = rest,
            None => break,
        }
    }
    (full - s.len(), s)
}

/// A Chinese personal name: surname + 1-2 chars (compound surname + 1-2), or 小/老 + surname.
fn personal_name(name: &str) -> bool {
    let n = name.chars().count();
    let compound = COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s));
    let max = if compound { 4 } else { 3 };
    if n < 2 || n > max || ZH_ORG.iter().any(|o| name.contains(o)) {
        return false;
    }
    let mut cs = name.chars();
    let first = cs.next().unwrap_or(' ');
    let second = cs.next().unwrap_or(' ');
    starts_with_surname(name) || (n == 2 && "小老".contains(first) && SURNAMES.contains(second))
}

/// End of the Han run at `start`, capped at `cap` chars: a name is at most 4
/// chars, and 6 is enough to see that a longer run ("中国工商银行") is not one.
fn han_run_end(t: &str, start: usize, cap: usize) -> usize {
    let rest = t.get(start..).unwrap_or("");
    start
        + rest
            .chars()
            .take(cap)
            .take_while(|c| is_han(*c))
            .map(char::len_utf8)
            .sum::<usize>()
}

/// The run up to the first stop word that is not at its very start.
fn cut_at_stop(run: &str) -> &str {
    for (i, _) in run.char_indices().skip(1) {
        let rest = &run[i..];
        if let Some(stop) = ZH_STOPS.iter().find(|s| rest.starts_with(*s)) {
            let name = &run[..i];
            // "黄丽华黄女士": the surname said again with the title is not part of the name.
            let mut cs = name.chars();
            let (first, last) = (cs.next(), cs.next_back());
            if ZH_TITLE.is_match(stop) && name.chars().count() >= 3 && first == last {
                return last.map_or(name, |l| &name[..name.len() - l.len_utf8()]);
            }
            return name;
        }
    }
    run
}

/// A word that starts with a surname char but is a common word ("周末", "明天", "老板").
fn not_a_name(name: &str) -> bool {
    // A one-character word that is also a surname (周, 金, 钱) does not rule out the names it
    // starts (周建国, 周杰), unless what follows cannot be a given name (钱不还, 周我们); the
    // time words it starts are listed whole (周五, 周末, 时候).
    let given = name
        .chars()
        .nth(1)
        .is_some_and(|c| !ZH_BAD_START.contains(c));
    let surname = |w: &str| given && w.chars().count() == 1 && SURNAMES.contains(w);
    // 月 and 金 end given names as often as words (张月, 王金).
    let given_char = |w: &str| given && starts_with_surname(name) && matches!(w, "月" | "金");
    ZH_POINTED_NOT
        .iter()
        .any(|w| (name.starts_with(w) && !surname(w)) || (name.ends_with(w) && !given_char(w)))
}

fn starts_with_surname(name: &str) -> bool {
    COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s))
        || name.chars().next().is_some_and(|c| SURNAMES.contains(c))
}

/// Every lazily built static above, for `super::warm`.
pub(super) static LAZIES: &[&dyn super::Built] = &[
    &EN_CUE,
    &EN_AROUND,
    &EN_GREET,
    &EN_LOWER_FULL,
    &EN_ASK_LOWER,
    &EN_RELAY_LOWER,
    &ZH_CUE,
    &ZH_ASK,
    &ZH_POINTED,
    &ZH_FIND,
    &ZH_IS_IT,
    &ZH_GREETED,
    &ZH_SURNAME_ONLY,
    &ZH_ROLE_NAME,
    &ZH_TITLE,
];

#[cfg(test)]
mod gate_tests {
    use proptest::prelude::*;

    use super::*;

    /// Each pattern skipped for want of a word of its group, with that group.
    fn word_gated() -> [(&'static LazyLock<Regex>, Words); 4] {
        [
            (&EN_RELAY_LOWER, Words::Relay),
            (&EN_GREET, Words::Greet),
            (&EN_LOWER_FULL, Words::Asked),
            (&EN_ASK_LOWER, Words::Whereabouts),
        ]
    }

    proptest! {
        /// A line without a word of a pattern's group holds no match of it.
        #[test]
        fn word_gates_never_hide_a_match(t in "([a-z ,.?!'-]|\\x{17F}|\\x{212A}| is this | IS THAT | am i speaking with | Talking To | may i talk to | could I SPEAK with | hey | HI | Hello | morning | is | around | HOME | there | available | tell | ASK | let | know | owes | to call | his | dana | kevin okafor | [A-Z][a-z]+ )*") {
            let words = super::super::words_in(&t);
            for (re, group) in word_gated() {
                prop_assert!(words & (1 << group as u32) != 0 || !re.is_match(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn word_gates_let_matches_through() {
        for (t, name) in [
            ("HEY Lamar, quick question", "Lamar"),
            ("IS THIS kevin okafor?", "kevin okafor"),
            ("is danny AROUND", "danny"),
            ("TELL jake his loan is behind", "jake"),
            ("may I TALK to kevin okafor?", "kevin okafor"),
            ("Good MORNING Dana, how are you", "Dana"),
        ] {
            let got = super::super::extract(
                t,
                crate::lang::Lang::En,
                jiff::civil::date(2026, 11, 28).at(14, 0, 0, 0),
            );
            assert!(
                got.iter()
                    .any(|e| matches!(&e.value, EntityValue::Text(n) if n == name)),
                "{t}: {got:?}"
            );
        }
    }
}
