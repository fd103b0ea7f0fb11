# SPDX-License-Identifier: MIT
#
# What the tests of tools/evlsim-campaign share (sourced by check-campaign and
# check-campaign-shard): TAP checks, evidence, and structural JSON and XML checkers.
n=0
status=0
# check STATUS DESCRIPTION: STATUS is the $? of the check just made
check() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		status=1
	fi
}
# show FILE...: a failed check's evidence, as TAP comments
show() {
	for f; do sed "s|^|# $f: |" "$f"; done
}
# the JSON value of a top-level key (numbers, booleans, strings on one line)
jkey() {
	sed -n "s/^  \"$1\": \\(.*\\),\$/\\1/p; s/^  \"$1\": \\(.*\\)\$/\\1/p" "$2"
}
# the replay line printed after "  [CLASS] ... seed S:" in a summary
replay_of() {
	awk -v pat="$1" 'index($0, pat) { getline; sub(/^ +/, ""); print; exit }' "$2"
}

# A structural JSON check: the whole file is one value, by the grammar of RFC 8259.
json_ok() {
	awk '
	function err(m) { if (!bad) bad = m " at offset " p }
	function ch() { return substr(s, p, 1) }
	function ws() { while (p <= n && index(" \t\n\r", ch())) p++ }
	function str(   c) {
		if (ch() != "\"") { err("string expected"); return }
		for (p++; p <= n && !bad; p++) {
			c = ch()
			if (c == "\"") { p++; return }
			if (c ~ /[\001-\037]/) err("raw control character")
			if (c == "\\") {
				c = substr(s, ++p, 1)
				if (c == "u") {
					if (substr(s, p + 1, 4) !~ /^[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]$/)
						err("bad \\u escape")
					p += 4
				} else if (!index("\"\\/bfnrt", c))
					err("bad escape")
			}
		}
		err("unterminated string")
	}
	function num() {
		if (!match(substr(s, p), /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/))
			err("value expected")
		else
			p += RLENGTH
	}
	function val(   c) {
		ws(); c = ch()
		if (c == "{") obj()
		else if (c == "[") arr()
		else if (c == "\"") str()
		else if (substr(s, p, 4) == "true" || substr(s, p, 4) == "null") p += 4
		else if (substr(s, p, 5) == "false") p += 5
		else num()
		ws()
	}
	function obj() {
		p++; ws()
		if (ch() == "}") { p++; return }
		while (!bad) {
			ws(); str(); ws()
			if (ch() != ":") { err("\":\" expected"); return }
			p++; val()
			if (ch() == ",") { p++; continue }
			if (ch() == "}") { p++; return }
			err("\",\" or \"}\" expected")
		}
	}
	function arr() {
		p++; ws()
		if (ch() == "]") { p++; return }
		while (!bad) {
			val()
			if (ch() == ",") { p++; continue }
			if (ch() == "]") { p++; return }
			err("\",\" or \"]\" expected")
		}
	}
	{ s = s $0 "\n" }
	END {
		n = length(s); p = 1
		if (n == 0) err("empty")
		else val()
		if (!bad && p <= n) err("trailing data")
		if (bad) { print "# JSON: " bad; exit 1 }
	}' "$1"
}

# A structural XML check: one root, tags nested and closed, attributes quoted, entities known.
xml_ok() {
	awk '
	function entities(t) {
		gsub(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/, "", t)
		if (t ~ /&/) err("bad entity")
	}
	function err(m) { if (!bad) bad = m " in record " NR }
	BEGIN { RS = "<" }
	NR == 1 { if ($0 ~ /[^ \t\n]/) err("text before the root"); next }
	{
		i = index($0, ">")
		if (!i) { err("unclosed tag"); next }
		tag = substr($0, 1, i - 1); text = substr($0, i + 1)
		if (text ~ />/) err("raw >")
		entities(text)
		if (sp == 0 && text ~ /[^ \t\n]/) err("text outside the root")
		if (tag ~ /^\?/) { if (tag !~ /\?$/ || NR != 2) err("bad declaration"); next }
		if (tag ~ /^\//) {
			name = substr(tag, 2)
			if (sp == 0 || stack[sp] != name) err("mismatched </" name ">")
			else if (--sp == 0) roots++
			next
		}
		self = tag ~ /\/$/
		if (self) tag = substr(tag, 1, length(tag) - 1)
		if (!match(tag, /^[A-Za-z_][-A-Za-z0-9_.]*/)) { err("bad tag name"); next }
		name = substr(tag, 1, RLENGTH); attrs = substr(tag, RLENGTH + 1)
		while (attrs ~ /[^ \t\n]/) {
			if (!match(attrs, /^[ \t\n]+[A-Za-z_][-A-Za-z0-9_.]*="[^"<]*"/)) {
				err("bad attribute in <" name ">"); break
			}
			entities(substr(attrs, RSTART, RLENGTH)); attrs = substr(attrs, RLENGTH + 1)
		}
		if (sp == 0 && roots) err("second root")
		if (self) { if (sp == 0) roots++ }
		else stack[++sp] = name
	}
	END {
		if (!bad && sp) err("<" stack[sp] "> not closed")
		if (!bad && roots != 1) err("no root")
		if (bad) { print "# XML: " bad; exit 1 }
	}' "$1"
}

