#!/usr/bin/env bash
# Cohort check: 50 generated certification attempts through the real binary (20 trainees, both
# exams, good, middling and poor calls, a few abandoned, spread over months by --now), then the
# cohort page, a signature check, and a screenshot by headless Chromium to confirm the charts
# render. Needs Debian's `chromium` (apt-get install -y chromium fonts-noto-cjk); CI cannot
# install it, so this is a script, not a test.
#
#   scripts/cohort-check.sh [OUT_DIR]      # default target/cohort-check
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/cohort-check}
bin=${COLLECTSIM_BIN:-${CARGO_TARGET_DIR:-target}/release/collectsim}
[ -x "$bin" ] || cargo build --release
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
export NO_COLOR=1
export COLLECTSIM_SIGNING_KEY=${COLLECTSIM_SIGNING_KEY:-cohort-check-signing-key-0123456789}
db="$out/cohort.sqlite3"

en_good="Hi, this is Sam Ortiz from Acme Recovery Services. Am I speaking with the account holder?
Before we go on, could you please confirm your date of birth?
Thank you. This is an attempt to collect a debt and any information obtained will be used for that purpose.
I understand things are hard. Could we set up payments of \$200 a month, first one on Friday?
So to confirm: \$200 on Friday. Thank you for your time.
/end"
# The last call of each exam is an impostor: a good agent verifies and discloses nothing.
en_good_last="Hi, this is Sam Ortiz from Acme Recovery Services. Am I speaking with the account holder?
Before we go on, could you please confirm your date of birth?
I'm sorry, I can't discuss this with you. I'll send the information by mail. Goodbye.
/end"
en_middling="Hi, is this the account holder? I'm calling about your account.
You owe the balance, when can you pay?
Could you pay \$200 on Friday?
/end"
en_poor="You owe money, pay it today.
If you don't pay today we'll have you arrested.
Stop making excuses, you deadbeat.
/end"
zh_good="您好，我是安信资产管理公司的工作人员小王，受委托联系您，请问是本人吗？
为了保护您的信息，请您提供身份证后四位核实一下身份。
谢谢。理解您的难处，我们可以商量一个还款方案，每月还500元，周五先还第一期，可以吗？
好的，跟您确认一下：周五还500元。请通过官方渠道还款，谢谢您。
/end"
zh_good_last="您好，我是安信资产管理公司的工作人员小王，请问是本人吗？
为了保护您的信息，请您提供身份证后四位核实一下身份。
抱歉，身份没有核实成功，我不能跟您谈具体事项，我们会通过官方渠道联系本人。再见。
/end"
zh_middling="喂，你是欠款人吗？
你的欠款要尽快处理，周五能还500元吗？
/end"
zh_poor="你欠钱不还，今天必须还清。
再不还钱就让你坐牢，通知你全家和单位。
/end"

# Six calls of one quality; `abandon` quits in the third call.
script() { # lang quality [abandon]
    local lines
    lines=$(eval "printf '%s' \"\$${1}_${2}\"")
    for call in 1 2 3 4 5 6; do
        if [ "${3:-}" = abandon ] && [ "$call" = 3 ]; then
            printf 'Hello?\n/quit\n'
            return
        fi
        if [ "$2" = good ] && [ "$call" = 6 ]; then
            eval "printf '%s\n' \"\$${1}_good_last\""
        else
            printf '%s\n' "$lines"
        fi
    done
}

qualities=(poor middling good)
n=0
for round in 0 1 2; do
    for t in $(seq 0 19); do
        [ "$n" -ge 50 ] && break 2
        # Rounds 0 and 1 for everyone, round 2 for the first ten: 20 + 20 + 10 = 50.
        [ "$round" = 2 ] && [ "$t" -ge 10 ] && continue
        if [ "$t" -lt 10 ]; then lang=en; exam=en-us-certification; else lang=zh; exam=zh-cn-certification; fi
        trainee=$(printf 'trainee-%02d' "$t")
        # Most trainees improve from one attempt to the next; some start well.
        q=$(( (round + t % 3) % 3 ))
        [ "$round" -gt 0 ] && [ "$q" = 0 ] && q=1
        abandon=
        [ $(( (t + round) % 9 )) = 4 ] && abandon=abandon
        day=$(( 5 + round * 35 + t ))
        now=$(date -u -d "2026-01-01 + $day days" +%Y-%m-%dT10:00)
        script "$lang" "${qualities[$q]}" $abandon |
            "$bin" certify --exam "$exam" --trainee "$trainee" --seed $(( t * 7 + round )) \
                --now "$now" --db "$db" --data-dir "$out/data" > "$out/attempt-$n.txt"
        n=$((n + 1))
    done
done
echo "attempts: $n"
"$bin" results --db "$db" --verify
"$bin" results --db "$db" | tail -n +1 | sed -n '/pass rates:/,/trend per trainee/p'
"$bin" results --db "$db" --html "$out/cohort.html"
"$bin" results --db "$db" --attempt 1 --html "$out/attempt-1.html"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "chromium not found: apt-get install -y chromium fonts-noto-cjk, then run again" >&2
    exit 1
fi
for page in cohort attempt-1; do
    profile=$(mktemp -d)
    "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --window-size=1280,2000 \
        --screenshot="$out/$page.png" "file://$out/$page.html" 2> "$out/$page-chromium.log"
    rm -rf "$profile"
    [ -s "$out/$page.png" ] || { echo "no screenshot of $page" >&2; exit 1; }
    echo "screenshot: $out/$page.png"
done
