@needs:security @needs:organization
@claim:SEC-2
Feature: The server checks every offline change against the user's privileges at sync
  An offline change was allowed by the privileges the device had, but the server decides with the
  privileges the user has when the change arrives. A change she may no longer make is rejected:
  the server record is not created, changed or deleted, she sees an error, and her device ends up
  matching the server.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may read, write, create and delete account records at user level
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And an account "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device and gone offline

  Scenario: An update the user may no longer make leaves the server record unchanged
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator takes away "ana"'s right to write account records
    When "ana" comes back online and syncs
    Then the server shows the account "Fabrikam" named "Fabrikam"
    And "ana" sees a privilege error for the update of the account "Fabrikam"
    And "ana"'s device holds the same account records as the server
    When "ana" syncs
    Then the server shows the account "Fabrikam" named "Fabrikam"
    And "ana"'s device holds the same account records as the server

  Scenario: A record the user may no longer create is not created
    Given "ana" has created an account "Contoso"
    And the administrator takes away "ana"'s right to create account records
    When "ana" comes back online and syncs
    Then the server holds no account named "Contoso"
    And "ana" sees a privilege error for the create of the account "Contoso"
    And "ana"'s device holds the same account records as the server

  Scenario: A record the user may no longer delete is not deleted
    Given "ana" has run delete on the account "Fabrikam"
    And the administrator takes away "ana"'s right to delete account records
    When "ana" comes back online and syncs
    Then the server holds exactly one account named "Fabrikam"
    And "ana" sees a privilege error for the delete of the account "Fabrikam"
    And "ana"'s device holds the same account records as the server

  Scenario: A change the user may still make goes through
    Given "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
    And the administrator takes away "ana"'s right to delete account records
    When "ana" comes back online and syncs
    Then the server shows the account "Fabrikam" named "Fabrikam Ltd"
    And "ana" sees no sync errors

  Scenario Outline: An update of a <entity>, owned by <ownership>, the user may no longer write is rejected
    Given the offline profile for "ana":
      | entity   | records |
      | account  | all     |
      | <entity> | all     |
    And "ana" may read, write, create and delete <entity> records at user level
    And a <entity> record "it" on the server owned by "ana"
    And "ana" comes back online and syncs
    And "ana" goes offline
    And "ana" has run update on the <entity> "it"
    And the administrator takes away "ana"'s right to write <entity> records
    When "ana" comes back online and syncs
    Then "ana" sees a privilege error for the update of the <entity> "it"
    And the server shows the <entity> "it" named "<name>"
    And "ana"'s device shows the <entity> "it" named "<name>"

    Examples:
      | entity     | ownership        | name           |
      | competitor | the organization | Northwind      |
      | position   | a business unit  | Field engineer |

  Scenario Outline: Online, a <command> she may no longer make is refused at once naming the account, and the server is unchanged
    Given the administrator takes away "ana"'s right to <access> account records
    And "ana" goes back online
    When "ana" runs <command> on the account "<record>"
    Then it is refused naming account
    And nothing waits to sync on "ana"'s device
    And the server holds only the account "Fabrikam"
    And the server shows the account "Fabrikam" named "Fabrikam"

    Examples:
      | access | command | record   |
      | write  | update  | Fabrikam |
      | create | create  | Contoso  |
      | delete | delete  | Fabrikam |

  @needs:sync
  Rule: A change rejected once she may no longer read the record does not bring the record back

    Scenario: An update of a team's record is rejected once the user has left the team, and the record does not come back
      Given the team "North" in "Head office" with "ana"
      And an account "Team deal" on the server owned by "North"
      And "ana" comes back online and syncs
      And "ana" goes offline
      And "ana" has renamed the account "Team deal" to "Our deal"
      And the administrator removes "ana" from the team "North"
      And "ana" goes back online
      When a sync of "ana"'s device is under way
      Then "ana" sees a privilege error for the update of the account "Team deal"
      And "ana"'s device holds exactly the accounts "Fabrikam"
      When the sync of "ana"'s device finishes
      Then the server shows the account "Team deal" named "Team deal"
      And "ana"'s device holds exactly the accounts "Fabrikam"
