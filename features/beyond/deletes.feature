@needs:sync
@beyond-page @claim:REL-DEL
Feature: Deletes travel as tombstones, and records leave the device only after their changes
  A record deleted on the server leaves every device at its next sync. Updating a record the
  server has deleted fails as "record not found". A record that leaves a user's scope leaves her
  device at the next cycle, but only once the changes she made to it have been uploaded.

  Background:
    Given an organization where "ana" is a salesperson
    And the users:
      | user | business unit | manager |
      | bob  | Head office   |         |
    And "ana" may do everything to every entity
    And "bob" may do everything to every entity
    And the offline profile for "ana" and "bob":
      | entity  | records                    |
      | account | where address1_city is Oslo |
    And an account "Fabrikam" in Oslo on the server owned by "ana"

  Scenario: A record deleted on the server leaves the device at the next sync
    Given "ana" has synced her device
    When the administrator deletes the account "Fabrikam"
    Then "ana"'s device holds exactly one account named "Fabrikam"
    When "ana" syncs
    Then "ana"'s device holds no account named "Fabrikam"
    And the sync removed 1 record

  Scenario: A record that came with a deleted record leaves with it at the next sync
    Given a profile "field sales" for "ana"
    And in the profile account downloads records where address1_city eq "Oslo"
    And in the profile contact downloads only related data
    And in the profile account brings its related records through "contact_customer_accounts"
    And the administrator has published the profile
    And a contact "Reyes" whose parentcustomerid is the account "Fabrikam", owned by "ana"
    And "ana" has synced her device
    Then "ana"'s device holds 1 contact records
    When the administrator deletes the account "Fabrikam"
    And "ana" syncs
    Then "ana"'s device holds 0 contact records
    And "ana"'s device holds no account named "Fabrikam"
    And the sync removed 2 records

  Scenario: A record deleted on one device leaves the other devices at their next sync
    Given "ana" has synced her device
    And "bob" has synced her device
    And "ana" goes offline
    When "ana" runs delete on the account "Fabrikam"
    And "ana" comes back online and syncs
    And "bob" syncs
    Then "bob"'s device holds no account named "Fabrikam"

  Scenario: Updating a record the server deleted fails as record not found
    Given "ana" has synced her device and gone offline
    And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator deletes the account "Fabrikam"
    When "ana" comes back online and syncs
    Then "ana" sees a not_found error for the update of the account "Fabrikam"
    And "ana"'s device holds no account named "Fabrikam Ltd"
    And the server holds no account named "Fabrikam Ltd"

  Scenario: A record leaving the scope goes only after its pending change is uploaded
    Given "ana" has synced her device and gone offline
    And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator moves the account "Fabrikam" to Bergen
    When "ana" comes back online and syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And "ana"'s device holds no account named "Fabrikam Ltd"
    And "ana" sees no sync errors

  Scenario: A record leaving the scope during a cycle stays until a later cycle uploads its change
    Given "ana" has synced her device
    And a sync of "ana"'s device is under way
    When "ana" renames the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator moves the account "Fabrikam" to Bergen
    And the sync of "ana"'s device finishes
    Then "ana"'s device shows the account "Fabrikam" named "Fabrikam Ltd"
    When "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And "ana"'s device holds no account named "Fabrikam Ltd"
