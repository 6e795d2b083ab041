@beyond-page @claim:REL-PERSIST @needs:persistence
Feature: The device's records and queue survive a restart of the app
  A phone closes apps to free memory, a user swipes the app away, the battery runs out. Whenever the app
  is reopened, the device still holds the records it had, every change waiting to sync in the order it
  was made and under the same number, its sync errors, and what it learned at its last sync. Killed in
  the middle of a sync cycle, the app keeps what the cycle had committed and nothing of what it had not:
  the next cycle completes the work, applying nothing twice and losing nothing.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And an account "Fabrikam" on the server owned by "ana"
    And an account "Litware" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And "ana" has created an account "Contoso"
    And "ana" has run delete on the account "Litware"

  Rule: Killed while offline, the app reopens with its records and its queue as they were

    Scenario: Reopened offline, the device holds its records and its queue, in order, under the same numbers
      When "ana"'s app is killed and reopened
      Then "ana"'s device holds exactly the accounts "Fabrikam Ltd" and "Contoso"
      And the changes waiting on "ana"'s device are, in order:
        | action | entity  | record   | name         |
        | update | account | Fabrikam | Fabrikam Ltd |
        | create | account | Contoso  | Contoso      |
        | delete | account | Litware  | empty        |
      And "ana"'s device holds its accounts and its queue as they were before the restart

    Scenario: Reopened, the app keeps working offline: a new change queues behind the others, numbered after them
      Given "ana"'s app is killed and reopened
      When "ana" creates an account "Adatum"
      Then the command succeeds on the device
      And 4 changes wait to sync on "ana"'s device
      And the changes waiting on "ana"'s device are numbered one after the other
      And the new account's id is not one "ana"'s device gave before the restart

    Scenario: The app reopens offline when it was killed offline
      When "ana"'s app is killed and reopened
      Then "ana"'s app reopened offline

    Scenario: Reopened twice and back online, every change reaches the server once
      Given "ana"'s app is killed and reopened
      And "ana" has created an account "Adatum"
      And "ana"'s app is killed and reopened
      When "ana" comes back online and syncs
      Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
      And the server holds exactly one account named "Contoso"
      And the server holds exactly one account named "Adatum"
      And the server holds no account named "Litware"
      And nothing waits to sync on "ana"'s device
      And "ana"'s device holds the same account records as the server
      And "ana" sees no sync errors

    Scenario: Reopened, the device remembers how far it had synced: the next cycle brings only what changed
      Given "ana" comes back online and syncs
      And the administrator renames the account "Contoso" to "Contoso Group"
      When "ana"'s app is killed and reopened
      And "ana" syncs
      Then the sync downloads 1 record
      And "ana"'s device holds exactly the accounts "Fabrikam Ltd" and "Contoso Group"

  @needs:sync
  Rule: Sync errors survive a restart

    Scenario: A sync error survives a restart and can still be retried
      Given the administrator deletes the account "Fabrikam"
      And "ana" comes back online and syncs
      When "ana"'s app is killed and reopened
      Then "ana" sees a not_found error for the update of the account "Fabrikam"
      When "ana" retries the sync error
      Then 1 change waits to sync on "ana"'s device

  @needs:faults
  Rule: Killed in the middle of a cycle, the next cycle completes the work once

    Scenario Outline: Killed when the connection dropped <point>, reopened, the next cycle completes the work once
      Given "ana" goes back online
      And the connection of "ana"'s device will drop <point>
      And "ana" syncs
      When "ana"'s app is killed and reopened
      And "ana" syncs
      Then the sync completes
      And nothing waits to sync on "ana"'s device
      And the server shows the account "Fabrikam" named "Fabrikam Ltd"
      And the server holds exactly one account named "Contoso"
      And the server holds no account named "Litware"
      And "ana"'s device holds the same account records as the server
      And "ana" sees no sync errors

      Examples:
        | point                             |
        | before the upload                 |
        | after the server applies a change |
        | during the download               |

    Scenario: Killed mid-upload, the changes the server has not confirmed still wait, in order
      Given "ana" goes back online
      And the connection of "ana"'s device will drop after the server applies a change
      And "ana" syncs
      When "ana"'s app is killed and reopened
      Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
      And the server holds no account named "Contoso"
      And the changes waiting on "ana"'s device are, in order:
        | action | entity  | record   | name         |
        | update | account | Fabrikam | Fabrikam Ltd |
        | create | account | Contoso  | Contoso      |
        | delete | account | Litware  | empty        |

    Scenario: Killed mid-download, the device holds nothing of the interrupted download and all of its own work
      Given "ana" goes back online
      And an account "Northwind" on the server owned by "ana"
      And the connection of "ana"'s device will drop during the download
      And "ana" syncs
      When "ana"'s app is killed and reopened
      Then nothing waits to sync on "ana"'s device
      And "ana"'s device holds exactly the accounts "Fabrikam Ltd" and "Contoso"
      When "ana" syncs
      Then "ana"'s device holds exactly the accounts "Fabrikam Ltd", "Contoso" and "Northwind"

  @needs:sync
  Rule: A cycle under way dies with the app

    Scenario: Killed while a cycle is under way, the cycle dies with the app and the next one completes the work
      Given "ana" goes back online
      And a sync of "ana"'s device is under way
      And "ana" has created an account "Adatum"
      When "ana"'s app is killed and reopened
      Then the sync under way on "ana"'s device cannot be finished
      And the changes waiting on "ana"'s device are, in order:
        | action | entity  | record | name   |
        | create | account | Adatum | Adatum |
      When "ana" syncs
      Then the sync completes
      And the server holds exactly one account named "Contoso"
      And the server holds exactly one account named "Adatum"
      And the server holds no account named "Litware"
      And "ana"'s device holds the same account records as the server
      And "ana" sees no sync errors
