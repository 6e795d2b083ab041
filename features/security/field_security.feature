@needs:security
@claim:SEC-5
Feature: Field-level security fails closed offline
  Field-level security and field sharing do not work offline, so the app fails closed: the value
  of a secured column never reaches the device, not even for a user allowed to see it online or one
  it is shared with, not with a later change to the record, and not with a change the server turns
  down. Writing a secured column offline is refused with nothing queued, on a new record as on an
  existing one. Online, field security and field sharing apply as usual.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And an account "Fabrikam" on the server owned by "ana" with revenue 250000
    And the account column "revenue" is secured

  @needs:sync
  Rule: A secured value never reaches the device

    Scenario: The secured column stays on the server, the rest comes down
      When "ana" syncs
      Then "ana"'s device holds the account "Fabrikam" without its revenue
      But "ana"'s device shows the account "Fabrikam" named "Fabrikam"

    Scenario: A user allowed to read the secured column online still gets no value offline
      Given "ana" may read and update the secured account column "revenue"
      When "ana" reads the account "Fabrikam" online
      Then she sees a revenue of 250000
      When "ana" syncs
      Then "ana"'s device holds the account "Fabrikam" without its revenue

    Scenario: A later change to the record does not bring the secured value down
      Given "ana" has synced her device
      When the administrator changes the phone of the account "Fabrikam" to "+47 555 0100"
      And "ana" syncs
      Then "ana"'s device shows the phone "+47 555 0100" on the account "Fabrikam"
      And "ana"'s device holds the account "Fabrikam" without its revenue

    Scenario: A change the server turns down does not bring the secured value back, not even for a moment
      Given conflict detection is on
      And "ana" has synced her device and gone offline
      And "ana" has renamed the account "Fabrikam" to "Fabrikam Ltd"
      And the administrator changes the phone of the account "Fabrikam" to "+47 555 0100"
      And "ana" goes back online
      When a sync of "ana"'s device is under way
      Then "ana" sees a conflict error for the update of the account "Fabrikam"
      And "ana"'s device shows the account "Fabrikam" named "Fabrikam"
      And "ana"'s device holds the account "Fabrikam" without its revenue
      When the sync of "ana"'s device finishes
      Then "ana"'s device holds the account "Fabrikam" without its revenue

    Scenario: A column secured after a sync leaves the device at the next sync
      Given the administrator changes the phone of the account "Fabrikam" to "+47 555 0100"
      And "ana" has synced her device
      When the administrator secures the account column "telephone1"
      And "ana" syncs
      Then "ana"'s device holds the account "Fabrikam" without its telephone1
      And the sync downloads 1 record
      When "ana" syncs
      Then the sync downloads 0 records
      And "ana"'s device holds the account "Fabrikam" without its telephone1

  Rule: Writing a secured column offline is refused

    Scenario: Setting a secured column offline is refused and nothing is queued
      Given "ana" may read and update the secured account column "revenue"
      And "ana" has synced her device and gone offline
      When "ana" sets the revenue of the account "Fabrikam" to 300000
      Then the change is refused naming the column "revenue"
      And the refusal concerns account
      And nothing waits to sync on "ana"'s device

    Scenario: Creating a record with a secured column offline is refused and nothing is queued
      Given "ana" may read and update the secured account column "revenue"
      And "ana" has synced her device and gone offline
      When "ana" creates an account "Contoso" with revenue 5000
      Then the change is refused naming the column "revenue"
      And the refusal concerns account
      And nothing waits to sync on "ana"'s device
      And "ana"'s device holds exactly the accounts "Fabrikam"
      When "ana" comes back online and syncs
      Then the server holds no account named "Contoso"

    Scenario: Setting an unsecured column offline works
      Given "ana" has synced her device and gone offline
      When "ana" sets the numberofemployees of the account "Fabrikam" to 40
      Then the command succeeds on the device
      And 1 change waits to sync on "ana"'s device

    Scenario: Online, a user with update access to the secured column may write it
      Given "ana" may read and update the secured account column "revenue"
      When "ana" sets the revenue of the account "Fabrikam" to 300000
      Then the change is saved
      And the server shows a revenue of 300000 on the account "Fabrikam"

    Scenario: Online, a user who may only read the secured column sees it but may not write it
      Given "ana" may read but not update the secured account column "revenue"
      When "ana" reads the account "Fabrikam" online
      Then she sees a revenue of 250000
      When "ana" sets the revenue of the account "Fabrikam" to 300000
      Then the server turns the change down naming the column "revenue"
      And the server shows a revenue of 250000 on the account "Fabrikam"

  Rule: Sharing a secured column of one record with a user works online only

    Background:
      Given an account "Contoso" on the server owned by "ana" with revenue 90000
      And the administrator shares the secured account column "revenue" of "Fabrikam" with "ana"

    Scenario: Online, the user reads the shared column of that record, and of no other
      When "ana" reads the account "Fabrikam" online
      Then she sees a revenue of 250000
      When "ana" reads the account "Contoso" online
      Then she sees no revenue

    Scenario: Online, a column shared for reading only is read but not written
      Given the administrator shares the secured account column "revenue" of "Contoso" with "ana" for reading only
      When "ana" reads the account "Contoso" online
      Then she sees a revenue of 90000
      When "ana" sets the revenue of the account "Contoso" to 95000
      Then the server turns the change down naming the column "revenue"
      And the server shows a revenue of 90000 on the account "Contoso"

    Scenario: Online, the user may write the shared column of that record
      When "ana" sets the revenue of the account "Fabrikam" to 300000
      Then the change is saved
      And the server shows a revenue of 300000 on the account "Fabrikam"

    Scenario: The shared column never reaches the device
      When "ana" syncs
      Then "ana"'s device holds the account "Fabrikam" without its revenue
      And "ana"'s device holds the account "Contoso" without its revenue

    Scenario: The shared column cannot be written offline
      Given "ana" has synced her device and gone offline
      When "ana" sets the revenue of the account "Fabrikam" to 300000
      Then the change is refused naming the column "revenue"
      And nothing waits to sync on "ana"'s device
      When "ana" comes back online and syncs
      Then the server shows a revenue of 250000 on the account "Fabrikam"

  @needs:subgrids @needs:forms
  Rule: Writing a secured column offline is refused on every path, a subgrid's link too

    Scenario: Linking a contact through its secured lookup on an account's subgrid offline is refused and nothing is queued
      Given the offline profile for "ana":
        | entity  | records |
        | account | all     |
        | contact | all     |
      And the account form has the subgrids:
        | relationship              | add existing  |
        | contact_customer_accounts | as configured |
      And a contact record "Dana" on the server owned by "ana"
      And the contact column "parentcustomerid" is secured
      And "ana" may read and update the secured contact column "parentcustomerid"
      And "ana" has synced her device and gone offline
      When "ana" adds the existing contact "Dana" to the contact_customer_accounts subgrid of the account "Fabrikam"
      Then the change is refused naming the column "parentcustomerid"
      And the refusal concerns contact
      And nothing waits to sync on "ana"'s device
      And on "ana"'s device the contact "Dana" has the parentcustomerid "empty"
