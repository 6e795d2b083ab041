@needs:subgrids @needs:forms @needs:schedule @needs:profiles
@beyond-page @claim:REL-CONV
Feature: A many-to-many link on the device lives exactly as long as both its records
  A subgrid of a many-to-many relationship lists, offline, the links the device holds. After a clean
  cycle the device holds a link exactly when the server has it and the device holds both its records:
  a record that leaves the device takes its links with it, whichever side of the relationship it is
  on, even when the record itself did not change (it aged out of the organization data filter) and
  other records of its entity changed in the same interval; and when it comes back, its links come
  back with it.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile
    And the account form has the subgrids:
      | relationship        | add existing  |
      | account_competitors | as configured |
    And the competitor form has the subgrids:
      | relationship        | add existing  |
      | account_competitors | as configured |

  Rule: a linked record that leaves unchanged takes its links off the device, and brings them back when it returns

    Scenario Outline: the <leaving entity> "<leaving>" ages out while the <staying entity> "<staying>" stays: its subgrid stops listing it, then lists it again
      Given the administrator sets the org data filter of <leaving entity> to the last 10 days
      And the administrator clears the org data filter of <staying entity>
      And a account record "Fabrikam" on the server owned by "ana"
      And a competitor record "Northwind" on the server owned by "ana"
      And a <leaving entity> record "<renamed>" on the server owned by "ana"
      And the account "Fabrikam" and the competitor "Northwind" are linked through account_competitors on the server
      And "ana" has synced her device and gone offline
      Then the account_competitors subgrid of the <staying entity> "<staying>" lists "<leaving>" for "ana"
      And the account_competitors subgrid of the <leaving entity> "<leaving>" lists "<staying>" for "ana"
      When 11 days pass
      And the administrator sets the name of the <leaving entity> "<renamed>" to "<renamed> Ltd"
      And "ana" comes back online and syncs
      And "ana" goes offline
      Then "ana"'s device holds exactly the <leaving entity> records "<renamed>"
      And the account_competitors subgrid of the <staying entity> "<staying>" does not list "<leaving>" for "ana"
      When the administrator sets the org data filter of <leaving entity> to the last 30 days
      And "ana" comes back online and syncs
      And "ana" goes offline
      Then "ana"'s device holds exactly the <leaving entity> records "<leaving>", "<renamed>"
      And the account_competitors subgrid of the <staying entity> "<staying>" lists "<leaving>" for "ana"
      And the account_competitors subgrid of the <leaving entity> "<leaving>" lists "<staying>" for "ana"

      Examples:
        | leaving entity | leaving   | staying entity | staying   | renamed |
        | account        | Fabrikam  | competitor     | Northwind | Contoso |
        | competitor     | Northwind | account        | Fabrikam  | Adatum  |

  Rule: a link made between two syncs arrives whichever relationship it is in, and the links held before stay

    Scenario: a link made in one relationship arrives while another is untouched; a change to one record keeps the links of the others
      Given the contact form has the subgrids:
        | relationship  | add existing  |
        | contact_leads | as configured |
      And a account record "Fabrikam" on the server owned by "ana"
      And a account record "Contoso" on the server owned by "ana"
      And a competitor record "Northwind" on the server owned by "ana"
      And a competitor record "Rival" on the server owned by "ana"
      And a contact record "Reyes" on the server owned by "ana"
      And a lead record "Lee" on the server owned by "ana"
      And the account "Fabrikam" and the competitor "Northwind" are linked through account_competitors on the server
      And the account "Contoso" and the competitor "Rival" are linked through account_competitors on the server
      And "ana" has synced her device and gone offline
      Then the account_competitors subgrid of the account "Fabrikam" lists "Northwind" for "ana"
      And the contact_leads subgrid of the contact "Reyes" lists nothing for "ana"
      When the administrator links the contact "Reyes" with the lead "Lee" through contact_leads
      And "ana" comes back online and syncs
      And "ana" goes offline
      Then the contact_leads subgrid of the contact "Reyes" lists "Lee" for "ana"
      And the account_competitors subgrid of the account "Fabrikam" lists "Northwind" for "ana"
      When the administrator sets the name of the account "Contoso" to "Contoso Ltd"
      And "ana" comes back online and syncs
      And "ana" goes offline
      Then the account_competitors subgrid of the account "Contoso" lists "Rival" for "ana"
      And the account_competitors subgrid of the account "Fabrikam" lists "Northwind" for "ana"
      And the account_competitors subgrid of the competitor "Northwind" lists "Fabrikam" for "ana"
      And the contact_leads subgrid of the contact "Reyes" lists "Lee" for "ana"

  @needs:faults
  Rule: the first link of a relationship arrives with the next complete cycle, even after a cycle that dropped

    Example: a relationship's first link, made before a sync whose download drops, is listed after the next sync
      Given a account record "Fabrikam" on the server owned by "ana"
      And a competitor record "Northwind" on the server owned by "ana"
      And "ana" has synced her device
      Then the account_competitors subgrid of the account "Fabrikam" lists nothing for "ana"
      When the administrator links the account "Fabrikam" with the competitor "Northwind" through account_competitors
      And the connection of "ana"'s device will drop during the download
      And "ana" syncs
      Then the sync stopped during the download
      When "ana" goes offline
      Then the account_competitors subgrid of the account "Fabrikam" lists nothing for "ana"
      When "ana" comes back online and syncs
      And "ana" goes offline
      Then the account_competitors subgrid of the account "Fabrikam" lists "Northwind" for "ana"

  Rule: a first sync brings a link only with both its records

    Example: an account whose linked competitor the org data filter keeps on the server lists no competitor offline
      Given the administrator sets the org data filter of competitor to the conditions:
        | column | operator | value   |
        | name   | eq       | Contoso |
      And a account record "Fabrikam" on the server owned by "ana"
      And a competitor record "Northwind" on the server owned by "ana"
      And the account "Fabrikam" and the competitor "Northwind" are linked through account_competitors on the server
      When "ana" syncs
      And "ana" goes offline
      Then "ana"'s device holds exactly the account records "Fabrikam"
      And "ana"'s device holds 0 competitor records
      And the account_competitors subgrid of the account "Fabrikam" lists nothing for "ana"
