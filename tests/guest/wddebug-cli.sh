#!/bin/bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# tests/guest/wddebug-cli.sh - VM test of wddebug against the real agent:
# a live `dump --json` parsed and checked field by field, dump's filters
# and text output, status figures after a known sequence, off, dbg_on,
# clock and section settings, Ctrl-C, and the exit statuses for denied
# permission and a missing agent.  Writes TAP to $CK_TAP_LOG_FILE_NAME
# (run by tests/vm/guest-suite from the top build directory).
set -u
tap=${CK_TAP_LOG_FILE_NAME:?run by tests/vm/guest-suite}
# Run wddebug itself, not its libtool wrapper script (a second more per
# call under emulation): libtool names the binary and sets the library path.
if [ $# -eq 0 ]; then
	exec ./libtool --mode=execute "$0" monitor/wddebug
fi
W=$1
IRQ_MODULE=tests/kmod/trace_irq_test.ko
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; chmod 600 /dev/kagent 2>/dev/null' EXIT
: >"$tap"

n=0 failed=0
ok() { n=$((n + 1)); echo "ok $n - $*" >>"$tap"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*" >>"$tap"; failed=1; }
note() { sed 's/^/# /' >>"$tap"; }
# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
	local desc=$1
	shift
	if "$@" >"$tmp/check.out" 2>&1; then
		ok "$desc"
	else
		not_ok "$desc"
		note <"$tmp/check.out"
	fi
}
# A field of `status --json` (a flat object: no jq needed, it is slow here).
status_field() {
	local json
	json=$("$W" status --json)
	[[ $json =~ \"$1\":\"?([^,\"}]*) ]] && echo "${BASH_REMATCH[1]}"
}
# Wait until N readers are open (the dump started); bounded, not timed.
wait_readers() {
	local i
	for i in $(seq 2000); do
		[ "$(status_field readers)" = "$1" ] && return 0
		sleep 0.05
	done
	return 1
}

edu=$(lspci -D -n -d 1234:11e8 | awk '{ print $1; exit }')
[ -n "$edu" ] || { not_ok "an edu device is in the VM"; echo "1..$n" >>"$tap"; exit 1; }

# --- a live session, as JSON ---------------------------------------------
"$W" on TRACE ALL >/dev/null
"$W" size 2048 >/dev/null
"$W" clear >/dev/null
check "clear empties the buffer" test "$(status_field used)" = 0
msg1=$(printf 'quote " backslash \\ tab\there \xc2\xb5s ctl\x01 end')
"$W" dump --json --count 6 --timeout 120 >"$tmp/live.json" 2>"$tmp/live.err" &
dump_pid=$!
check "dump opens a reader" wait_readers 1
"$W" add INFO MISC "$msg1"
"$W" add WARN IO,MEM second
"$W" add ERROR DMA third
insmod "$IRQ_MODULE" count=3 vendor=0x1234 device=0x11e8 && rmmod trace_irq_test
wait "$dump_pid"
check "live dump --json --count 6 exits 0" test $? -eq 0
note <"$tmp/live.err"
check "live dump wrote 6 lines" test "$(wc -l <"$tmp/live.json")" -eq 6
check "every line is a JSON record with all fields" jq -e -s '
	length == 6 and all(.[];
	  .type == "record" and (.seq | type) == "number" and
	  (.time_ns | type) == "number" and (.rel_ns | type) == "number" and
	  (.cpu | type) == "number" and (.pid | type) == "number" and
	  (.tid | type) == "number" and (.comm | type) == "string" and
	  (.context | IN("task", "hardirq", "softirq")) and
	  (.level | IN("ERROR", "WARN", "INFO", "TRACE")) and
	  (.section | type) == "string" and (.section_mask | type) == "number" and
	  (.device == null or (.device | type) == "string") and
	  (.source | type) == "string" and
	  (.source_type | IN("agent", "plugin", "user")) and
	  (.message | type) == "string")' "$tmp/live.json"
check "sequence numbers strictly increase, times never go back" jq -e -s '
	[range(1; length) as $i | .[$i].seq > .[$i - 1].seq and
	 .[$i].time_ns >= .[$i - 1].time_ns] | all' "$tmp/live.json"
check "the message comes back byte for byte (quotes, backslash, tab, UTF-8, control)" \
	test "$(jq -j -s '.[0].message' "$tmp/live.json")" = "$msg1"
check "user records: source, level, section, process" jq -e -s '
	.[0].source == "user" and .[0].source_type == "user" and
	.[0].level == "INFO" and .[0].section == "MISC" and
	.[0].comm == "wddebug" and .[0].pid > 0 and .[0].device == null and
	.[1].level == "WARN" and .[1].section == "IO|MEM" and
	.[1].section_mask == 24 and .[2].level == "ERROR" and
	.[2].section == "DMA"' "$tmp/live.json"
check "plugin records from hard IRQ context name the device" jq -e -s --arg dev "$edu" '
	.[3:] | all(.source == "trace_irq_test" and .source_type == "plugin" and
	  .context == "hardirq" and .pid == 0 and .comm == "[hardirq]" and
	  .device == $dev and .section == "KER_PLUG") and
	  (map(.message) == ["hard IRQ record 1 of 3", "hard IRQ record 2 of 3",
			      "hard IRQ record 3 of 3"])' "$tmp/live.json"

# --- dump's filters on the same records -----------------------------------
count() { "$W" dump --no-follow --json "$@" | wc -l; }
check "--level WARN keeps WARN and ERROR" test "$(count --level WARN)" -eq 2
check "--section IO keeps the IO|MEM record" test "$(count --section IO)" -eq 1
check "--section KER_PLUG,DMA (names, several)" test "$(count -s KER_PLUG -s DMA)" -eq 4
check "--section 0x10 (hex)" test "$(count --section 0x10)" -eq 1
check "--source plugin" test "$(count --source plugin)" -eq 3
check "--source trace_irq_test" test "$(count --source trace_irq_test)" -eq 3
check "--source user" test "$(count -S user)" -eq 3
check "--device $edu" test "$(count --device "$edu")" -eq 3
pid1=$(jq -s '.[0].pid' "$tmp/live.json")
check "--pid $pid1" test "$(count --pid "$pid1")" -eq 1
check "--new shows nothing of the buffer" test "$(count --new)" -eq 0
check "the agent's filter is unchanged by dump" \
	test "$(status_field level) $(status_field sections)" = "TRACE ALL"

# --- text output ------------------------------------------------------------
"$W" dump --no-follow --color=never >"$tmp/text.out"
check "text dump: 2 header lines, titles, 6 records" test "$(wc -l <"$tmp/text.out")" -eq 9
check "text dump: the LEVEL column is aligned" awk '
	NR == 3 { col = index($0, " LEVEL ") + 1; next }
	NR > 3 && substr($0, col, 6) !~ /^(ERROR|WARN |INFO |TRACE) $/ { bad = 1 }
	END { exit bad || !col }' "$tmp/text.out"
check "text dump: control characters escaped" grep -qF 'ctl\x01 end' "$tmp/text.out"
check "text dump: the header names the agent" grep -q '^# wddebug .*, kagent .* (ABI 1\.' "$tmp/text.out"
"$W" dump --no-follow --color=always >"$tmp/color.out"
check "--color=always colours the ERROR record" grep -q $'^\e\\[1;31m.*third\e\\[0m$' "$tmp/color.out"
check "no colour when stdout is not a terminal" bash -c "! grep -q \$'\\e' '$tmp/text.out'"
"$W" dump --no-follow "$tmp/file.out" >"$tmp/stdout.out"
check "dump FILE writes the file, not stdout" test "$(wc -l <"$tmp/file.out")" -eq 9 -a ! -s "$tmp/stdout.out"
"$W" clock_off >/dev/null
check "clock_off: no TIME column" bash -c "'$W' dump --no-follow | sed -n 3p | grep -vq TIME"
check "--clock=abs overrides clock_off" bash -c "'$W' dump --no-follow --clock=abs | sed -n 3p | grep -q 'TIME(boot)'"
"$W" clock_on >/dev/null
check "clock_on: TIME column" bash -c "'$W' dump --no-follow | sed -n 3p | grep -q ' TIME '"
"$W" sect_info_off >/dev/null
check "sect_info_off: no SECTION column" bash -c "'$W' dump --no-follow | sed -n 3p | grep -vq SECTION"
"$W" sect_info_on >/dev/null
check "sect_info_on: SECTION column" bash -c "'$W' dump --no-follow | sed -n 3p | grep -q SECTION"
base0=$(status_field clock_base_ns)
"$W" clock_reset >/dev/null
check "clock_reset moves the clock base" test "$(status_field clock_base_ns)" -gt "$base0"

# --- status figures after a known sequence, a slow reader -------------------
"$W" size 16 >/dev/null
"$W" on TRACE DMA >/dev/null
"$W" clear >/dev/null
"$W" status --json >"$tmp/st0.json"
# A reader that cannot keep up: a dump stopped while the records come.
"$W" dump --json --count 16 --timeout 120 >"$tmp/lost.json" 2>&1 &
dump_pid=$!
wait_readers 1
kill -STOP "$dump_pid"
for i in $(seq 20); do "$W" add INFO DMA "fill $i"; done
"$W" add INFO MISC "other section" 2>/dev/null
"$W" add TRACE DMA "x"
"$W" status --json >"$tmp/st1.json"
kill -CONT "$dump_pid"
wait "$dump_pid"
check "the slow dump ends with status 0" test $? -eq 0
check "status: size 16, 16 used, on, TRACE, DMA, 1 reader" jq -e '
	.size == 16 and .used == 16 and .on == true and .level == "TRACE" and
	.sections == "DMA" and .sections_mask == 128 and .readers == 1' "$tmp/st1.json"
check "status: 21 written, 5 overwritten since the clear" jq -e -n \
	--slurpfile a "$tmp/st0.json" --slurpfile b "$tmp/st1.json" '
	($b[0].written - $a[0].written) == 21 and
	($b[0].next_seq - $a[0].next_seq) == 21 and
	($b[0].overwritten - $a[0].overwritten) == 5'
check "the slow reader is told it lost exactly 5 records, then gets 16" jq -e -s '
	.[0].type == "lost" and .[0].lost == 5 and length == 17 and
	.[1].message == "fill 6" and .[16].message == "x"' "$tmp/lost.json"
check "status: reader_lost counts them" jq -e -n --slurpfile a "$tmp/st0.json" \
	--argjson lost "$(status_field reader_lost)" '($lost - $a[0].reader_lost) == 5'
"$W" size 100 >/dev/null
check "size 100 gives 128 records, empty" test "$(status_field size) $(status_field used)" = "128 0"
"$W" status >"$tmp/status.txt"
check "status text: on, filter, buffer, agent" bash -c "
	grep -q '^Debug Monitor: on' '$tmp/status.txt' &&
	grep -q 'filter:      level TRACE, sections DMA (0x00000080)' '$tmp/status.txt' &&
	grep -q 'buffer:      128 records, 0 used' '$tmp/status.txt' &&
	grep -q 'agent:       kagent .*, ABI 1\.' '$tmp/status.txt'"

# --- off, dbg ---------------------------------------------------------------
"$W" on TRACE ALL >/dev/null
"$W" off >/dev/null
seq0=$(status_field next_seq)
"$W" add ERROR ALL "while off" 2>"$tmp/off.err"
check "off: nothing is recorded" test "$(status_field next_seq)" = "$seq0"
check "add says when the filter did not keep the record" grep -q 'did not keep' "$tmp/off.err"
check "status says off" test "$(status_field on)" = false
"$W" on >/dev/null
"$W" dbg_on >/dev/null
check "dbg_on shows in status" test "$(status_field dbg)" = true
"$W" add WARN MISC "to the kernel log $$"
"$W" dbg_off >/dev/null
"$W" add WARN MISC "not to the kernel log $$"
check "dbg_on copies records to the kernel log" bash -c "dmesg | grep -q 'kagent: trace .* WARN MISC user wddebug\\[[0-9]*\\]: to the kernel log $$'"
check "dbg_off stops the copy" bash -c "! dmesg | grep -q 'not to the kernel log $$'"

# --- stopping a dump ----------------------------------------------------------
"$W" dump --new >"$tmp/int.out" 2>&1 &
dump_pid=$!
wait_readers 1
kill -INT "$dump_pid"
wait "$dump_pid"
check "Ctrl-C (SIGINT) ends dump with status 0" test $? -eq 0
check "the reader is closed after dump" wait_readers 0
"$W" dump --new --count 1 --timeout 0.2 >/dev/null 2>"$tmp/to.err"
check "--timeout before --count: status 1" test $? -eq 1
check "--timeout before --count: says so" grep -q 'timed out after 0 of 1 records' "$tmp/to.err"
"$W" dump --new --timeout 0.2 >/dev/null 2>&1
check "--timeout alone: status 0" test $? -eq 0

# --- errors -------------------------------------------------------------------
"$W" --agent /dev/nonexistent status >/dev/null 2>"$tmp/noagent.err"
check "no agent: status 3" test $? -eq 3
check "no agent: says how to load it" grep -q "modprobe kagent" "$tmp/noagent.err"
chmod 000 /dev/kagent
setpriv --bounding-set=-dac_override,-dac_read_search "$W" status >/dev/null 2>"$tmp/perm.err"
status=$?
chmod 600 /dev/kagent
check "permission denied: status 4" test $status -eq 4
check "permission denied: says what to do" grep -q 'Permission denied: run as root or add a udev rule' "$tmp/perm.err"
"$W" size 8 >/dev/null 2>&1
check "a bad command line: status 2" test $? -eq 2

"$W" off >/dev/null
"$W" size 2048 >/dev/null
echo "1..$n" >>"$tap"
exit $failed
