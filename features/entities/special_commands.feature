@claim:ENT-23
Feature: Convert, qualify and disqualify work offline and sync like any other change
  Three commands of the table do more than change one record. Converting an appointment to a case
  creates a case linked to the appointment, titled as the appointment unless the user gives a title,
  for the account the appointment is regarding. Qualifying a lead marks it qualified and creates the
  account, contact and opportunity that qualification produces. Disqualifying closes the lead with a
  reason. All of it happens on the device while offline and reaches the server at the next sync.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile

  Scenario: Converting an appointment creates a linked case on the device, then on the server
    Given a appointment record "site visit" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    When "ana" runs convert_activity_to_case on the appointment "site visit"
    Then "ana"'s device holds a case that originates from the appointment "site visit"
    And the appointment "site visit" on "ana"'s device is regarding that case
    When "ana" comes back online and syncs
    Then the server holds a case that originates from the appointment "site visit"

  Scenario: The case takes the appointment's subject as its title and the account it is regarding as its customer
    Given an account "Fabrikam" on the server owned by "ana"
    And a appointment activity "site visit" regarding the account "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    When "ana" runs convert_activity_to_case on the appointment "site visit"
    Then "ana"'s device holds a case that originates from the appointment "site visit"
    And that case on "ana"'s device is titled "Site visit" for the account "Fabrikam"
    When "ana" comes back online and syncs
    Then that case on the server is titled "Site visit" for the account "Fabrikam"

  Scenario: A title given when converting names the case instead of the appointment's subject
    Given an account "Fabrikam" on the server owned by "ana"
    And a appointment activity "site visit" regarding the account "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    When "ana" converts the appointment "site visit" to a case titled "Leaking roof"
    Then "ana"'s device holds a case that originates from the appointment "site visit"
    And that case on "ana"'s device is titled "Leaking roof" for the account "Fabrikam"
    When "ana" comes back online and syncs
    Then that case on the server is titled "Leaking roof" for the account "Fabrikam"

  Scenario: Qualifying a lead creates its account, contact and opportunity offline
    Given a lead "Contoso deal" from "Contoso" for "Dana Reyes" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    When "ana" runs qualify on the lead "Contoso deal"
    Then "ana"'s device holds an account "Contoso", a contact "Dana Reyes" and an opportunity "Contoso deal"
    And the lead "Contoso deal" on "ana"'s device is qualified
    When "ana" comes back online and syncs
    Then the server holds an account "Contoso", a contact "Dana Reyes" and an opportunity "Contoso deal"
    And the opportunity "Contoso deal" on the server originates from the lead "Contoso deal"

  Scenario: A lead can be qualified only once: the second time is refused and nothing is made twice
    Given a lead "Contoso deal" from "Contoso" for "Dana Reyes" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    And "ana" has run qualify on the lead "Contoso deal"
    When "ana" runs qualify on the lead "Contoso deal"
    Then the command is refused naming lead and qualify
    And 4 changes wait to sync on "ana"'s device
    And "ana"'s device shows the effect of qualify on the lead "Contoso deal"
    When "ana" comes back online and syncs
    Then the server shows the effect of qualify on the lead "Contoso deal"
    And "ana"'s device still holds the lead "Contoso deal" as the server does

  Scenario: Disqualifying a lead closes it with the reason given
    Given a lead "Contoso deal" from "Contoso" for "Dana Reyes" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    When "ana" disqualifies the lead "Contoso deal" because "cannot_contact"
    Then the lead "Contoso deal" on "ana"'s device is disqualified because "cannot_contact"
    When "ana" comes back online and syncs
    Then the lead "Contoso deal" on the server is disqualified because "cannot_contact"

  Scenario Outline: A disqualified lead cannot be <command>d: refused, and its disqualification stands
    Given a lead "Contoso deal" from "Contoso" for "Dana Reyes" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    And "ana" has disqualified the lead "Contoso deal" because "cannot_contact"
    When "ana" runs <command> on the lead "Contoso deal"
    Then the command is refused naming lead and <command>
    And 1 change waits to sync on "ana"'s device
    And the lead "Contoso deal" on "ana"'s device is disqualified because "cannot_contact"
    And "ana"'s device holds no opportunity
    When "ana" comes back online and syncs
    Then the lead "Contoso deal" on the server is disqualified because "cannot_contact"
    And the server holds no opportunity

    Examples:
      | command    |
      | disqualify |
      | qualify    |

  Scenario: A qualified lead cannot be disqualified: refused, and its qualification stands
    Given a lead "Contoso deal" from "Contoso" for "Dana Reyes" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    And "ana" has run qualify on the lead "Contoso deal"
    When "ana" runs disqualify on the lead "Contoso deal"
    Then the command is refused naming lead and disqualify
    And 4 changes wait to sync on "ana"'s device
    And the lead "Contoso deal" on "ana"'s device is qualified
    When "ana" comes back online and syncs
    Then the server shows the effect of qualify on the lead "Contoso deal"

  Scenario: Disqualifying without a known reason is refused
    Given a lead "Contoso deal" from "Contoso" for "Dana Reyes" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    When "ana" disqualifies the lead "Contoso deal" because "too expensive"
    Then the command is refused naming lead and disqualify
    And nothing waits to sync on "ana"'s device
    And "ana"'s device still holds the lead "Contoso deal" as the server does
    When "ana" comes back online and syncs
    Then the lead "Contoso deal" on the server is still open
    And "ana"'s device still holds the lead "Contoso deal" as the server does
