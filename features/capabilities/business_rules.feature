@needs:forms
@claim:CAP-BR
Feature: Business rules run on the device
  The rules attached to a form are evaluated by the app itself, so they need no server. Offline they
  still fill in values, lock, hide and require fields and show their messages, and a save that breaks
  a rule is stopped on the device with that rule's message before anything is queued.

  The account form used here says: a key account (1,000 employees or more) needs a main phone
  number, is described as "Key account", needs an email address and has its revenue locked; an
  account with fewer than 10 employees keeps its revenue hidden; a new account starts in Oslo.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile
    And the account form carries the key-account business rules
    And a account record "Fabrikam" on the server owned by "ana"

  Rule: Offline, a save that breaks a rule is stopped on the device with the rule's message

    Scenario: A key account without a main phone number cannot be saved offline, then or after the sync
      Given "ana" has synced her device and gone offline
      When "ana" saves the account "Fabrikam" with:
        | employees | 5000                   |
        | email     | buyer@fabrikam.example |
      Then it is refused saying "A key account needs a main phone number"
      And the refusal concerns account
      And the refusal states its limit
      And nothing waits to sync on "ana"'s device
      And "ana"'s device still holds the account "Fabrikam" as the server does
      When "ana" comes back online and syncs
      Then on the server the account "Fabrikam" has the employees "empty"
      And "ana"'s device still holds the account "Fabrikam" as the server does

    Scenario: A field a rule makes required cannot be left empty offline
      Given "ana" has synced her device and gone offline
      When "ana" saves the account "Fabrikam" with:
        | employees  | 5000            |
        | main phone | +47 55 00 00 00 |
      Then it is refused saying "emailaddress1 is required"
      And it is refused saying "Key accounts are flagged"
      And nothing waits to sync on "ana"'s device
      And "ana"'s device still holds the account "Fabrikam" as the server does

    Scenario: A required field holding empty text is left empty, offline too
      Given "ana" has synced her device and gone offline
      When "ana" saves the account "Fabrikam" with:
        | employees  | 5000            |
        | main phone | +47 55 00 00 00 |
        | email      | empty text      |
      Then it is refused saying "emailaddress1 is required"
      And nothing waits to sync on "ana"'s device
      And "ana"'s device still holds the account "Fabrikam" as the server does

    Scenario: A new key account that breaks a rule cannot be created offline
      Given "ana" has synced her device and gone offline
      When "ana" creates a account "Harbour cafe" with:
        | name      | Harbour cafe          |
        | employees | 2000                  |
        | email     | info@harbour.example  |
      Then it is refused saying "A key account needs a main phone number"
      And nothing waits to sync on "ana"'s device
      And "ana"'s device holds only the account "Fabrikam"
      When "ana" comes back online and syncs
      Then the server holds only the account "Fabrikam"

    Scenario: Offline, the rules judge a save by what the device holds, earlier offline saves included
      Given "ana" has synced her device and gone offline
      And "ana" has saved the account "Fabrikam" with:
        | employees  | 5000                   |
        | main phone | +47 55 00 00 00        |
        | email      | buyer@fabrikam.example |
      When "ana" saves the account "Fabrikam" with:
        | main phone | empty |
      Then it is refused saying "A key account needs a main phone number"
      And 1 change waits to sync on "ana"'s device
      And on "ana"'s device the account "Fabrikam" has the main phone "+47 55 00 00 00"
      When "ana" comes back online and syncs
      Then on the server the account "Fabrikam" has the main phone "+47 55 00 00 00"

    Scenario: A save that keeps the rules goes through offline, with the values the rules set
      Given "ana" has synced her device and gone offline
      When "ana" saves the account "Fabrikam" with:
        | employees  | 5000                   |
        | main phone | +47 55 00 00 00        |
        | email      | buyer@fabrikam.example |
      Then the command succeeds on the device
      And on "ana"'s device the account "Fabrikam" has the description "Key account"
      When "ana" comes back online and syncs
      Then nothing waits to sync on "ana"'s device
      And on the server the account "Fabrikam" has the description "Key account"

    Scenario: A new record offline gets the value and the default its rules give it
      Given "ana" has synced her device and gone offline
      When "ana" creates a account "Harbour cafe" with:
        | name       | Harbour cafe         |
        | employees  | 2000                 |
        | main phone | +47 55 11 11 11      |
        | email      | info@harbour.example |
      Then on "ana"'s device the account "Harbour cafe" has the city "Oslo"
      And on "ana"'s device the account "Harbour cafe" has the description "Key account"
      When "ana" comes back online and syncs
      Then on the server the account "Harbour cafe" has the city "Oslo"
      And on the server the account "Harbour cafe" has the description "Key account"

    Scenario: A new record offline keeps the value the user gave where its rules only give a default
      Given "ana" has synced her device and gone offline
      When "ana" creates a account "Harbour cafe" with:
        | name | Harbour cafe |
        | city | Bergen       |
      Then on "ana"'s device the account "Harbour cafe" has the city "Bergen"
      When "ana" comes back online and syncs
      Then on the server the account "Harbour cafe" has the city "Bergen"

  Rule: Offline, a form shows what its rules decide

    Scenario: The form of a key account offline shows the rule's message, a locked and a required field
      Given a account record "Contoso" on the server owned by "ana" with:
        | employees | 5000 |
      And "ana" has synced her device and gone offline
      Then the form of the account "Contoso" for "ana" warns "A key account needs a main phone number"
      And the revenue field is locked on the form of the account "Contoso" for "ana"
      And the email field is required on the form of the account "Contoso" for "ana"
      And the description field holds "Key account" on the form of the account "Contoso" for "ana"
      And the revenue field is visible on the form of the account "Contoso" for "ana"

    Scenario: The form of a small account offline hides its revenue and warns about nothing
      Given a account record "Corner shop" on the server owned by "ana" with:
        | employees | 4 |
      And "ana" has synced her device and gone offline
      Then the revenue field is hidden on the form of the account "Corner shop" for "ana"
      And the revenue field is editable on the form of the account "Corner shop" for "ana"
      And the email field is optional on the form of the account "Corner shop" for "ana"
      And the form of the account "Corner shop" for "ana" shows no warning

    Scenario: A new account's form offline starts with the default city
      Given "ana" has synced her device and gone offline
      Then the city field holds "Oslo" on a new account form for "ana"
