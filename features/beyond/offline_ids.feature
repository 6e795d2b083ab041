@beyond-page @claim:REL-ID
Feature: A record created offline keeps the id its device gave it
  A record created offline needs an id at once, so that other offline changes can refer to it. The
  device assigns it, and the server keeps that same id when the record arrives: no renumbering and
  no second copy. Ids never clash: not between two devices, not before and after a sync.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And the offline profile for "ana":
      | entity      | records |
      | account     | all     |
      | contact     | all     |
      | opportunity | all     |
      | lead        | all     |

  Scenario: The id given on the device is the id on the server
    Given "ana" has synced her device and gone offline
    When "ana" creates an account "Contoso"
    Then the new account has an id on "ana"'s device before any sync
    When "ana" comes back online and syncs
    Then the server holds the new account under the same id
    And "ana"'s device holds exactly one account named "Contoso"

  Scenario Outline: A <entity> created offline keeps its id on the server
    Given "ana" has synced her device and gone offline
    When "ana" runs create on the <entity> "new one"
    And "ana" comes back online and syncs
    Then the server holds the new <entity> under the same id

    Examples:
      | entity      |
      | contact     |
      | opportunity |
      | lead        |

  Scenario: A record created offline is changed and deleted offline by the id its device gave it
    Given "ana" has synced her device and gone offline
    And "ana" has created an account "Contoso"
    And "ana" has created an account "Litware"
    And "ana" has renamed the account "Contoso" to "Contoso Ltd"
    And "ana" has run delete on the account "Litware"
    When "ana" comes back online and syncs
    Then the server shows the account "Contoso" named "Contoso Ltd"
    And the server holds no account named "Litware"
    And "ana" sees no sync errors

  Scenario: Ids given after a sync do not repeat the ids given before it
    Given "ana" has synced her device and gone offline
    And "ana" has created an account "Contoso"
    And "ana" comes back online and syncs
    And "ana" goes offline
    And "ana" has created an account "Litware"
    When "ana" comes back online and syncs
    Then the server holds exactly one account named "Contoso"
    And the server holds exactly one account named "Litware"
    And "ana" sees no sync errors

  Scenario: Two devices creating offline give ids that never clash
    Given the users:
      | user | business unit | manager |
      | bob  | Head office   |         |
    And "bob" may do everything to every entity
    And the offline profile for "ana" and "bob":
      | entity  | records |
      | account | all     |
    And "ana" has synced her device and gone offline
    And "bob" has synced her device and gone offline
    And "ana" has created an account "Contoso"
    And "bob" has created an account "Litware"
    When "ana" comes back online and syncs
    And "bob" comes back online and syncs
    Then the server holds exactly one account named "Contoso"
    And the server holds exactly one account named "Litware"
    And "ana" sees no sync errors
    And "bob" sees no sync errors

  Scenario: Records created together offline keep their ids and their links
    Given a lead "Contoso deal" from "Contoso" for "Dana Reyes" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    When "ana" runs qualify on the lead "Contoso deal"
    And "ana" comes back online and syncs
    Then the server holds every record the qualification created under the id the device gave it
    And the server holds an account "Contoso", a contact "Dana Reyes" and an opportunity "Contoso deal"
