@needs:faults
@beyond-page @claim:REL-FAULT
Feature: A cycle cut off at any point leaves both sides consistent
  The connection can drop anywhere in a cycle: before the upload, after the server applied a change
  but before the device heard back, or in the middle of the download. Whatever the point, nothing
  is lost and nothing is half done: the device still holds every change the server has not
  confirmed, it commits no partial download, and the next cycle completes the work.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And an account "Fabrikam" on the server owned by "ana"
    And an account "Litware" on the server owned by "ana"
    And an account "Old Mill" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And "ana" has created an account "Contoso"
    And "ana" has run delete on the account "Litware"
    And an account "Northwind" on the server owned by "ana"
    And the administrator deletes the account "Old Mill"
    And "ana" goes back online

  Scenario: A drop set for after the server applies a change leaves a cycle with nothing to upload complete
    Given "ana" syncs
    And the connection of "ana"'s device will drop after the server applies a change
    When "ana" syncs
    Then the sync completes
    And "ana"'s last sync uploaded 0 changes and rejected 0

  Scenario Outline: Cut off <point>, the next cycle completes the work
    Given the connection of "ana"'s device will drop <point>
    When "ana" syncs
    Then the sync stopped <point>
    When "ana" syncs
    Then the sync completes
    And nothing waits to sync on "ana"'s device
    And the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And the server holds exactly one account named "Contoso"
    And the server holds no account named "Litware"
    And "ana"'s device holds exactly the accounts "Fabrikam Ltd", "Contoso" and "Northwind"
    And "ana"'s device holds the same account records as the server
    And "ana" sees no sync errors

    Examples:
      | point                                  |
      | before the upload                      |
      | after the server applies a change      |
      | during the download                    |

  Scenario Outline: Cut off twice <point>, the next cycle still completes the work, once
    Given the connection of "ana"'s device will drop <point>
    And "ana" syncs
    And the connection of "ana"'s device will drop <point>
    And "ana" syncs
    When "ana" syncs
    Then the sync completes
    And the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And the server holds exactly one account named "Contoso"
    And the server holds no account named "Litware"
    And "ana"'s device holds the same account records as the server
    And "ana" sees no sync errors

    Examples:
      | point                                  |
      | before the upload                      |
      | after the server applies a change      |
      | during the download                    |

  Scenario: Cut off before the upload, the server has received nothing
    Given the connection of "ana"'s device will drop before the upload
    When "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam"
    And the server holds no account named "Contoso"
    And the server holds exactly one account named "Litware"
    And 3 changes wait to sync on "ana"'s device

  Scenario: Cut off after the server applied a change, the device still holds it for the replay
    Given the connection of "ana"'s device will drop after the server applies a change
    When "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And the server holds no account named "Contoso"
    And 3 changes wait to sync on "ana"'s device

  Scenario: Cut off during the download, the device commits nothing of it
    Given the connection of "ana"'s device will drop during the download
    When "ana" syncs
    Then nothing waits to sync on "ana"'s device
    And the server holds exactly one account named "Contoso"
    And "ana"'s device holds no account named "Northwind"
    And "ana"'s device holds exactly one account named "Old Mill"
