"""Pure helpers for the captive-portal packs: fitting a page into its byte budget, and router zips."""
