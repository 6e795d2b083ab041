@needs:subgrids @needs:forms
Feature: Add Existing on subgrids offline
  Offline, many-to-many relationships are read only: their subgrids still list the related records
  but hide Add Existing, and even when a customization shows the button, using it offline links
  nothing. One-to-many subgrids keep Add Existing offline. Online, both kinds offer it.

  Here an account's form lists its contacts (one-to-many) and its competitors (many-to-many).

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile
    And a account record "Fabrikam" on the server owned by "ana"
    And a contact record "Dana" on the server owned by "ana"
    And a competitor record "Northwind" on the server owned by "ana"

  @claim:LIM-AE1
  Rule: Offline, a many-to-many subgrid hides Add Existing and a one-to-many subgrid keeps it

    Background:
      Given the account form has the subgrids:
        | relationship              | add existing  |
        | contact_customer_accounts | as configured |
        | account_competitors       | as configured |

    Scenario: Online, both subgrids offer Add Existing
      Given "ana" has synced her device
      Then the contact_customer_accounts subgrid of the account "Fabrikam" offers Add Existing to "ana"
      And the account_competitors subgrid of the account "Fabrikam" offers Add Existing to "ana"

    Scenario: Offline, only the one-to-many subgrid offers Add Existing
      Given "ana" has synced her device and gone offline
      Then the contact_customer_accounts subgrid of the account "Fabrikam" offers Add Existing to "ana"
      And the account_competitors subgrid of the account "Fabrikam" does not offer Add Existing to "ana"

    Scenario: Offline, the many-to-many subgrid still lists the records linked before
      Given the account "Fabrikam" and the competitor "Northwind" are linked through account_competitors on the server
      And "ana" has synced her device and gone offline
      Then the account_competitors subgrid of the account "Fabrikam" lists "Northwind" for "ana"

    Scenario: Offline, Add Existing on the one-to-many subgrid links the record and syncs
      Given "ana" has synced her device and gone offline
      When "ana" adds the existing contact "Dana" to the contact_customer_accounts subgrid of the account "Fabrikam"
      Then the command succeeds on the device
      And the contact_customer_accounts subgrid of the account "Fabrikam" lists "Dana" for "ana"
      When "ana" comes back online and syncs
      Then on the server the parentcustomerid of the contact "Dana" is the account "Fabrikam"

  @claim:LIM-AE2
  Rule: Offline, Add Existing on a many-to-many subgrid links nothing, even when a customization shows it

    Background:
      Given the account form has the subgrids:
        | relationship        | add existing   |
        | account_competitors | forced visible |

    Scenario: Offline, the forced button is there but using it is refused and nothing is linked
      Given "ana" has synced her device and gone offline
      Then the account_competitors subgrid of the account "Fabrikam" offers Add Existing to "ana"
      When "ana" adds the existing competitor "Northwind" to the account_competitors subgrid of the account "Fabrikam"
      Then it is refused naming account
      And nothing waits to sync on "ana"'s device
      When "ana" comes back online and syncs
      Then the account_competitors subgrid of the account "Fabrikam" does not list "Northwind" for "ana"

    Scenario: Online, Add Existing on the many-to-many subgrid links the record
      Given "ana" has synced her device
      When "ana" adds the existing competitor "Northwind" to the account_competitors subgrid of the account "Fabrikam"
      Then the command succeeds on the device
      And the account_competitors subgrid of the account "Fabrikam" lists "Northwind" for "ana"
