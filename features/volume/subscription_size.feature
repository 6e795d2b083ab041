@needs:profiles @needs:organization
@claim:FLT-VOL
Feature: A user's subscription should stay at or under 10,000 records
  The page recommends at most 10,000 records per user. A profile whose user would hold more is
  still published, with a warning that names the user and the count, and sync keeps working. The
  count is what the user's device would hold, her teams' records included, and every user of the
  profile counts, those who come in through a team too.

  Background:
    Given an organization where "ana" is a salesperson
    And "bob" is another salesperson in the same business unit
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
    Then the profile is published with one volume warning, naming "ana" and 10,001 records
    And after syncing "ana"'s device holds 10001 account records

  Example: a user who comes into the profile through a team is counted too
    Given "ana" and "bob" are on the team "North"
    And the profile is for the team "North"
    And "ana" owns 10001 accounts modified today
    And "bob" owns 20 accounts modified today
    When the administrator publishes the profile
    Then the profile is published with one volume warning, naming "ana" and 10,001 records

  Example: the records of the user's teams count towards her subscription
    Given "ana" and "bob" are on the team "North"
    And in the profile account downloads my team's records
    And "ana" owns 9000 accounts modified today
    And "North" owns 1001 accounts modified today
    When the administrator publishes the profile
    Then the profile is published with one volume warning, naming "ana" and 10,001 records
