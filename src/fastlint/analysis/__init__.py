"""Policy shared by the rules and ``fastlint routes``: what counts as auth, public,
pagination, an ORM object, a conflict. Built on the project model; never imports a rule."""
