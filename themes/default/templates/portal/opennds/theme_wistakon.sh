#!/bin/sh
# Wistakon ThemeSpec for openNDS 9 or later, made by `wistakon build`: rebuild it, do not edit it.
# Install: README.txt. No JavaScript.
#
# Every text from content is a single-quoted word printed by printf '%s', so the shell expands
# nothing in it; only openNDS's client token is filled in (by sed, where a page says $fas).

title="theme_wistakon"

generate_splash_sequence() {
	splash_page
}

header() {
	if [ "$lang" = "en" ]; then
		printf '%s\n' {{ head_en }}
	else
		printf '%s\n' {{ head_id }}
	fi
}

footer() {
	printf '%s\n' {{ foot }}
	exit 0
}

splash_page() {
	# the token goes into a sed replacement and an HTML attribute: only its own alphabet may
	case "$fas" in *[!A-Za-z0-9+/=%._:-]*) fas="" ;; esac
	if [ "$lang" = "en" ]; then
		printf '%s\n' {{ body_en }} | sed 's|[$]fas|'"$fas"'|g'
	else
		printf '%s\n' {{ body_id }} | sed 's|[$]fas|'"$fas"'|g'
	fi
	footer
}

landing_page() {
	originurl=$(printf "${originurl//%/\\x}")
	# the visitor's own URL goes into an HTML attribute: entity-encode it
	originurl=$(printf '%s' "$originurl" | sed 's/&/\&amp;/g; s/"/\&quot;/g; s/</\&lt;/g; s/>/\&gt;/g')
	# auth_log (from libopennds) authenticates the client and sets $ndsstatus
	auth_log
	if [ "$ndsstatus" = "authenticated" ]; then
		if [ "$lang" = "en" ]; then
			printf '<p>%s</p><p><a href="%s">%s</a></p>\n' {{ word('en', 'portal_connected') }} "$originurl" {{ word('en', 'portal_continue') }}
		else
			printf '<p>%s</p><p><a href="%s">%s</a></p>\n' {{ word('id', 'portal_connected') }} "$originurl" {{ word('id', 'portal_continue') }}
		fi
	else
		if [ "$lang" = "en" ]; then
			printf '<p>%s</p>\n' {{ word('en', 'portal_failed') }}
		else
			printf '<p>%s</p>\n' {{ word('id', 'portal_failed') }}
		fi
	fi
	footer
}

display_terms() {
	if [ "$lang" = "en" ]; then
		printf '<p>%s</p>\n' {{ word('en', 'portal_terms') }}
	else
		printf '<p>%s</p>\n' {{ word('id', 'portal_terms') }}
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

userinfo="$title "{{ hotspot.t('id').slug }}
