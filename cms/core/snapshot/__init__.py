"""Export the published content to content/ and import content/ back, in the README's exact format."""
