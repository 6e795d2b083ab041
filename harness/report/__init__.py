"""Reports for reviewers: the run record (from pytest-bdd's hooks and the official Gherkin parser) and every output
written from it: Cucumber Messages, Cucumber JSON, JUnit XML, the claim ledger in HTML and Markdown, comparisons."""
