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
