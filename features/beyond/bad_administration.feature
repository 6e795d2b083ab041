@beyond-page @claim:REL-BAD @needs:profiles @needs:metadata
Feature: An administrator's malformed change is refused, naming what is wrong, and changes nothing
  Adding users to a profile that was never published, filtering an entity the organization does not
  have, or enabling an app module with such an entity is refused with an error that names the unknown
  thing. The profile in force keeps applying. So is a view whose linked column is not read through a
  lookup of the view's entity from a column of the entity it names: no view is made.

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

  @needs:views
  Rule: A linked column is read through a lookup of the view's entity, from a column of the entity it names

    Background:
      Given the account entity has a system view "Active accounts"
      And the opportunity entity has a system view "Open deals"

    Scenario Outline: A view whose linked column <what> is refused naming it, and no view is made
      When the administrator makes a system view "Broken" of <entity> that shows the <column> of the <linked> in <via>
      Then it is refused saying "<named>"
      And the refusal concerns <entity>
      And "ana" can pick only the view "<kept>" of <entity>

      Examples:
        | what                                             | entity      | column      | linked        | via              | named            | kept            |
        | goes through a column the account does not have  | account     | lastname    | contact       | new_nothing      | new_nothing      | Active accounts |
        | goes through a column that is not a lookup       | account     | lastname    | contact       | telephone1       | telephone1       | Active accounts |
        | goes through a lookup to another entity          | account     | name        | account       | primarycontactid | primarycontactid | Active accounts |
        | reads a column the contact does not have         | account     | new_nothing | contact       | primarycontactid | new_nothing      | Active accounts |
        | reads an entity that does not exist              | opportunity | name        | new_spaceship | sourceid         | new_spaceship    | Open deals      |
        | reads a column the lead does not have            | opportunity | new_nothing | lead          | sourceid         | new_nothing      | Open deals      |
