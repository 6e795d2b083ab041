@beyond-page @claim:REL-ID
Feature: A record created offline keeps the id its device gave it
  A record created offline needs an id at once, so that other offline changes can refer to it. The
  device assigns it, and the server keeps that same id when the record arrives: no renumbering and
  no second copy.

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

  Scenario: Records created together offline keep their ids and their links
    Given a lead "Contoso deal" from "Contoso" for "Dana Reyes" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    When "ana" runs qualify on the lead "Contoso deal"
    And "ana" comes back online and syncs
    Then the server holds every record the qualification created under the id the device gave it
    And the server holds an account "Contoso", a contact "Dana Reyes" and an opportunity "Contoso deal"
