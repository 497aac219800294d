#!/bin/sh
# Wistakon ThemeSpec for openNDS 9 or later: {{ hotspot.t('id').title }} ({{ hotspot.t('id').slug }}).
# Made by `wistakon build` as of {{ today.isoformat() }}: rebuild it, do not edit it. Install: README.txt.
#
# The pages are quoted here-documents, so the shell expands nothing inside them. Only openNDS's
# client token is filled in (by sed, where a page says {{ fas_placeholder }}). No JavaScript.

title="theme_wistakon"

generate_splash_sequence() {
	splash_page
}

header() {
	if [ "$lang" = "en" ]; then
		cat <<'WISTAKON_HEAD_EN'
{{ head_en }}
WISTAKON_HEAD_EN
	else
		cat <<'WISTAKON_HEAD_ID'
{{ head_id }}
WISTAKON_HEAD_ID
	fi
}

footer() {
	cat <<'WISTAKON_FOOT'
{{ foot }}
WISTAKON_FOOT
	exit 0
}

splash_page() {
	if [ "$lang" = "en" ]; then
		sed "s|{{ fas_placeholder }}|$fas|g" <<'WISTAKON_BODY_EN'
{{ body_en }}
WISTAKON_BODY_EN
	else
		sed "s|{{ fas_placeholder }}|$fas|g" <<'WISTAKON_BODY_ID'
{{ body_id }}
WISTAKON_BODY_ID
	fi
	footer
}

landing_page() {
	originurl=$(printf "${originurl//%/\\x}")
	# auth_log (from libopennds) authenticates the client and sets $ndsstatus
	auth_log
	if [ "$ndsstatus" = "authenticated" ]; then
		if [ "$lang" = "en" ]; then
			echo "<p>{{ word('en', 'portal_connected') }}</p><p><a href=\"$originurl\">{{ word('en', 'portal_continue') }}</a></p>"
		else
			echo "<p>{{ word('id', 'portal_connected') }}</p><p><a href=\"$originurl\">{{ word('id', 'portal_continue') }}</a></p>"
		fi
	else
		if [ "$lang" = "en" ]; then
			echo "<p>{{ word('en', 'portal_failed') }}</p>"
		else
			echo "<p>{{ word('id', 'portal_failed') }}</p>"
		fi
	fi
	footer
}

display_terms() {
	if [ "$lang" = "en" ]; then
		echo "<p>{{ word('en', 'portal_terms') }}</p>"
	else
		echo "<p>{{ word('id', 'portal_terms') }}</p>"
	fi
	footer
}

read_terms() {
	:
}

# Quotas and rates for this theme: 0 keeps the values of the openNDS configuration.
session_length="0"
upload_rate="0"
download_rate="0"
upload_quota="0"
download_quota="0"
quotas="$session_length $upload_rate $download_rate $upload_quota $download_quota"

ndscustomparams=""
ndscustomimages=""
ndscustomfiles=""
ndsparamlist="$ndsparamlist $ndscustomparams $ndscustomimages $ndscustomfiles"

# "lang" travels in the forms so the visitor keeps the language they chose.
additionalthemevars="lang"
fasvarlist="$fasvarlist $additionalthemevars"

userinfo="$title {{ hotspot.t('id').slug }}"
