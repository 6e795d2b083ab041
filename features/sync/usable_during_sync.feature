@needs:sync
@claim:SYN-3
Feature: The app stays usable while a sync runs
  A cycle takes time, and the user keeps working meanwhile: reading and writing on the device
  succeed during a cycle, and a read shows the record. A write made while a cycle runs (a change, a
  new record or a delete) is not part of it: it waits in the queue, the cycle does not undo it, and
  a later cycle uploads it, exactly once.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And an account "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device

  Scenario: Reads and writes succeed while a cycle runs
    Given a sync of "ana"'s device is under way
    When "ana" runs read on the account "Fabrikam"
    Then she reads the account "Fabrikam" named "Fabrikam"
    When "ana" renames the account "Fabrikam" to "Fabrikam North"
    Then the command succeeds on the device
    And "ana"'s device shows the account "Fabrikam" named "Fabrikam North"

  Scenario: A write made during a cycle goes up with the next cycle, once
    Given a sync of "ana"'s device is under way
    When "ana" renames the account "Fabrikam" to "Fabrikam North"
    And the sync of "ana"'s device finishes
    Then the server shows the account "Fabrikam" named "Fabrikam"
    And "ana"'s device shows the account "Fabrikam" named "Fabrikam North"
    And 1 change waits to sync on "ana"'s device
    When "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam North"
    And nothing waits to sync on "ana"'s device
    And "ana" sees no sync errors

  Scenario: A server change during the cycle does not overwrite a write made during the cycle
    Given a sync of "ana"'s device is under way
    When "ana" renames the account "Fabrikam" to "Fabrikam North"
    And the administrator changes the phone of the account "Fabrikam" to "+47 555 0100"
    And the sync of "ana"'s device finishes
    Then "ana"'s device shows the account "Fabrikam" named "Fabrikam North"
    When "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam North"
    And "ana"'s device holds the same account records as the server

  Scenario: A record deleted during a cycle stays deleted, and a later cycle deletes it on the server
    Given a sync of "ana"'s device is under way
    When "ana" runs delete on the account "Fabrikam"
    And the sync of "ana"'s device finishes
    Then "ana"'s device holds no account named "Fabrikam"
    And the server holds exactly one account named "Fabrikam"
    When "ana" syncs
    Then the server holds no account named "Fabrikam"
    And "ana"'s device holds no account named "Fabrikam"
    And "ana" sees no sync errors

  Scenario: A record created during a cycle is created on the server once, by a later cycle
    Given a sync of "ana"'s device is under way
    When "ana" creates an account "Contoso"
    And the sync of "ana"'s device finishes
    Then the server holds no account named "Contoso"
    And "ana"'s device holds exactly one account named "Contoso"
    When "ana" syncs
    And "ana" syncs
    Then the server holds exactly one account named "Contoso"
    And "ana" sees no sync errors
