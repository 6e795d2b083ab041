@beyond-page @claim:REL-BAD @needs:profiles @needs:metadata
Feature: An administrator's malformed change is refused, naming what is wrong, and changes nothing
  Adding users to a profile that was never published, filtering an entity the organization does not
  have, or enabling an app module with such an entity is refused with an error that names the unknown
  thing. The profile in force keeps applying.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And accounts "Fabrikam" owned by "ana"
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And "ana" has synced her device

  Scenario: Adding a user to a profile that was never published is refused naming the profile
    When the administrator adds "ana" to the profile "Night shift"
    Then publishing is refused saying "Night shift"
    And after syncing "ana"'s device holds exactly the account records "Fabrikam"

  Scenario: Setting the org data filter of an entity that does not exist is refused naming it
    When the administrator asks to filter new_spaceship to the records of the last 3 days
    Then it is refused naming new_spaceship
    And after syncing "ana"'s device holds exactly the account records "Fabrikam"

  Scenario: Enabling an app module with an entity that does not exist is refused naming it
    When the administrator enables the offline app module "Fleet" with account and new_spaceship
    Then it is refused saying "new_spaceship"
    And after syncing "ana"'s device holds exactly the account records "Fabrikam"
