@needs:profiles
@claim:FLT-VOL
Feature: A user's subscription should stay at or under 10,000 records
  The page recommends at most 10,000 records per user. A profile whose user would hold more is
  still published, with a warning that names the user and the count, and sync keeps working.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And a profile "Field sales" for "ana"
    And in the profile account downloads my records

  Example: 10,000 records earn no warning
    Given "ana" owns 10000 accounts modified today
    When the administrator publishes the profile
    Then the profile is published without a volume warning

  Example: 10,001 records earn a warning naming the user and the count, and still sync
    Given "ana" owns 10001 accounts modified today
    When the administrator publishes the profile
    Then the profile is published with a volume warning naming "ana" and 10,001 records
    And after syncing "ana"'s device holds 10001 account records
