@needs:sync @needs:schedule
@beyond-page @claim:REL-ERR
Feature: A rejected change becomes a sync error the user can see and retry
  Whatever the reason the server rejects an offline change (a conflict, a record that no longer
  exists, a missing privilege), the user sees a sync error saying when it happened, which record,
  which action, what kind of error and why. The change's local effect is undone, so the device
  matches the server again, and the user can retry the change once the cause is gone.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may read, write, create and delete account records at user level
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And an account "Fabrikam" on the server owned by "ana"
    And an account "Contoso" on the server owned by "ana"
    And "ana" has synced her device and gone offline

  Scenario Outline: A <action> rejected as <type> is shown, undone on the device, and kept for a retry
    Given "ana" <change>
    And <cause>
    When "ana" comes back online and syncs
    Then "ana" sees a <type> error for the <action> of the account "<record>"
    And the sync error says when it happened and why
    And "ana"'s last sync uploaded 0 changes and rejected 1
    And "ana"'s device holds the same account records as the server
    And nothing waits to sync on "ana"'s device

    Examples:
      | action | type      | record    | change                                             | cause                                                                          |
      | update | conflict  | Fabrikam  | has renamed the account "Fabrikam" to "Fabrikam Ltd" | conflict detection is on and the administrator changes the account "Fabrikam" |
      | update | not_found | Fabrikam  | has renamed the account "Fabrikam" to "Fabrikam Ltd" | the administrator deletes the account "Fabrikam"                               |
      | update | privilege | Fabrikam  | has renamed the account "Fabrikam" to "Fabrikam Ltd" | the administrator takes away "ana"'s right to write account records            |
      | create | privilege | Northwind | has created an account "Northwind"                 | the administrator takes away "ana"'s right to create account records           |
      | delete | privilege | Fabrikam  | has run delete on the account "Fabrikam"           | the administrator takes away "ana"'s right to delete account records           |
      | delete | conflict  | Fabrikam  | has run delete on the account "Fabrikam"           | conflict detection is on and the administrator changes the account "Fabrikam" |

  Scenario: Two changes turned down in one sync are each shown, undone and counted
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And "ana" has renamed the account "Contoso" to "Contoso Ltd"
    And the administrator takes away "ana"'s right to write account records
    When "ana" comes back online and syncs
    Then "ana"'s sync errors, in the order of her changes, are the update of the account "Fabrikam" and the update of the account "Contoso", all from her last sync
    And "ana"'s last sync uploaded 0 changes and rejected 2
    And "ana"'s device holds the same account records as the server
    And nothing waits to sync on "ana"'s device

  Scenario: A change made during the sync, after a conflict put the server's copy back, is based on that copy
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And conflict detection is on and the administrator changes the account "Fabrikam"
    And "ana" goes back online
    When a sync of "ana"'s device is under way
    Then "ana" sees a conflict error for the update of the account "Fabrikam"
    When "ana" renames the account "Fabrikam" to "Fabrikam & Co"
    Then the change is saved
    When the sync of "ana"'s device finishes
    And "ana" syncs
    Then "ana"'s last sync uploaded 1 changes and rejected 0
    And the server shows the account "Fabrikam" named "Fabrikam & Co"

  Scenario: A sync error is dated within its cycle, which started before the time that passed while it ran
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator takes away "ana"'s right to write account records
    And "ana" goes back online
    When a sync of "ana"'s device is under way
    And 10 minutes pass
    And the sync of "ana"'s device finishes
    Then "ana" sees a privilege error for the update of the account "Fabrikam"
    And the sync error says when it happened and why

  Scenario: A change that went through leaves no sync error
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    When "ana" comes back online and syncs
    Then "ana" sees no sync errors
    And "ana"'s last sync uploaded 1 changes and rejected 0
    And the server shows the account "Fabrikam" named "Fabrikam Ltd"

  Scenario: A sync error stays until it is retried: the next sync neither repeats nor loses it
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator takes away "ana"'s right to write account records
    And "ana" comes back online and syncs
    When "ana" syncs
    Then "ana" sees a privilege error for the update of the account "Fabrikam"
    And "ana"'s last sync uploaded 0 changes and rejected 0

  Scenario: Sync errors are listed oldest first, each from the sync that turned its change down
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator takes away "ana"'s right to write account records
    And "ana" comes back online and syncs
    And "ana" goes offline
    And 1 hour passes
    And "ana" has created an account "Northwind"
    And the administrator takes away "ana"'s right to create account records
    When "ana" comes back online and syncs
    Then "ana"'s sync errors, oldest first, are the update of the account "Fabrikam" and the create of the account "Northwind", each from its own sync

  Scenario: Once the cause is gone, retrying the change applies it
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator takes away "ana"'s right to write account records
    And "ana" comes back online and syncs
    And the administrator lets "ana" write account records at user level
    And 1 hour passes
    When "ana" retries the sync error
    Then 1 change waits to sync on "ana"'s device
    And "ana"'s device shows the account "Fabrikam" named "Fabrikam Ltd"
    And "ana"'s device shows the account "Fabrikam" changed now
    When "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And "ana" sees no sync errors

  Scenario: Once the cause is gone, retrying a rejected create creates the record, once
    Given "ana" has created an account "Northwind"
    And the administrator takes away "ana"'s right to create account records
    And "ana" comes back online and syncs
    And the administrator lets "ana" create account records at user level
    When "ana" retries the sync error
    And "ana" syncs
    Then the server holds exactly one account named "Northwind"
    And "ana" sees no sync errors

  Scenario: A retried sync error is gone: retrying it again is refused and queues the change only once
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator takes away "ana"'s right to write account records
    And "ana" comes back online and syncs
    And the administrator lets "ana" write account records at user level
    When "ana" retries the sync error
    And "ana" retries the same sync error again
    Then the retry is refused
    And 1 change waits to sync on "ana"'s device
    And "ana" sees no sync errors

  Scenario: Each of two sync errors can be retried, the older one first
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator takes away "ana"'s right to write account records
    And "ana" comes back online and syncs
    And "ana" goes offline
    And "ana" has created an account "Northwind"
    And the administrator takes away "ana"'s right to create account records
    And "ana" comes back online and syncs
    And the administrator lets "ana" write and create account records at user level
    When "ana" retries the sync error for the update of the account "Fabrikam"
    And "ana" retries the sync error for the create of the account "Northwind"
    And "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And the server holds exactly one account named "Northwind"
    And "ana" sees no sync errors

  Scenario: Retrying a conflict makes the device's change win
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And conflict detection is on and the administrator changes the account "Fabrikam"
    And "ana" comes back online and syncs
    When "ana" retries the sync error
    And "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And "ana" sees no sync errors

  Scenario: Retrying a delete turned down as a conflict deletes the record on the server
    Given "ana" has run delete on the account "Fabrikam"
    And conflict detection is on and the administrator changes the account "Fabrikam"
    And "ana" comes back online and syncs
    When "ana" retries the sync error
    And "ana" syncs
    Then the server holds no account named "Fabrikam"
    And "ana"'s device holds no account named "Fabrikam"
    And "ana" sees no sync errors

  Scenario: Retrying a change to a record she could no longer read is no conflict when nobody else changed it
    Given conflict detection is on
    And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator takes away "ana"'s right to read account records
    And the administrator takes away "ana"'s right to write account records
    When "ana" comes back online and syncs
    Then "ana" sees a privilege error for the update of the account "Fabrikam"
    When the administrator lets "ana" read and write account records at user level
    And "ana" retries the sync error
    And "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And "ana" sees no sync errors

  Scenario: A sync error that does not exist cannot be retried
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    When "ana" retries a sync error that does not exist
    Then the retry is refused
    And 1 change waits to sync on "ana"'s device

  @needs:security
  Rule: Only the rejected change is undone

    Scenario: Only the rejected change is undone: a later change to the same record keeps its local effect
      Given 1 hour passes
      And "ana" has changed the phone of the account "Fabrikam" to "+47 555 0199"
      And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
      And the account column "telephone1" is secured
      And "ana" goes back online
      When a sync of "ana"'s device is under way
      Then "ana" sees a privilege error for the update of the account "Fabrikam"
      And "ana"'s device shows the account "Fabrikam" named "Fabrikam Ltd"
      And "ana"'s device shows the account "Fabrikam" changed now
      And "ana"'s device holds the account "Fabrikam" without its telephone1
      When the sync of "ana"'s device finishes
      Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
      And "ana"'s device shows the account "Fabrikam" named "Fabrikam Ltd"
