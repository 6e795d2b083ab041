@needs:security
@claim:SEC-1
Feature: Privilege changes reach the device at the next sync
  The device enforces the privileges it received at its last sync. A privilege the administrator
  takes away or grants on the server changes nothing on the device until its next sync, not even
  when the device comes back online without syncing; from then on the device enforces the new
  privileges, together with any profile change published in the meantime.

  Background:
    Given an organization where "ana" is a salesperson
    And the offline profile for "ana":
      | entity  | records |
      | account | all     |
    And an account "Fabrikam" on the server owned by "ana"

  Rule: Until the next sync the device enforces the privileges it had

    Scenario Outline: A <access> privilege taken away still lets her <command> offline before the next sync
      Given "ana" may read, write, create and delete account records at user level
      And "ana" has synced her device and gone offline
      When the administrator takes away "ana"'s right to <access> account records
      And "ana" runs <command> on the account "<record>"
      Then the command succeeds on the device
      And the change waiting on "ana"'s device is the <command> of the account "<record>"

      Examples:
        | access | command | record   |
        | write  | update  | Fabrikam |
        | create | create  | Contoso  |
        | delete | delete  | Fabrikam |

    Scenario Outline: A <access> privilege granted does not let her <command> offline before the next sync
      Given "ana" may <before> account records at user level
      And "ana" has synced her device and gone offline
      When the administrator lets "ana" <access> account records at user level
      And "ana" runs <command> on the account "<record>"
      Then the command is refused naming account and <command>
      And nothing waits to sync on "ana"'s device
      And "ana"'s device holds exactly the accounts "Fabrikam"
      When "ana" comes back online and syncs
      And "ana" goes offline
      And "ana" runs <command> on the account "<record>"
      Then the command succeeds on the device
      And the change waiting on "ana"'s device is the <command> of the account "<record>"

      Examples:
        | before                   | access | command | record   |
        | read, create and delete  | write  | update  | Fabrikam |
        | read, write and delete   | create | create  | Contoso  |
        | read, write and create   | delete | delete  | Fabrikam |

    Scenario Outline: A record she created offline is her own: with user-level privileges she may <command> it before any sync
      Given "ana" may read, write, create and delete account records at user level
      And "ana" has synced her device and gone offline
      And "ana" has created an account "Contoso"
      When "ana" runs <command> on the account "Contoso"
      Then the command succeeds on the device
      And 2 changes wait to sync on "ana"'s device

      Examples:
        | command |
        | update  |
        | delete  |

    Scenario Outline: Offline, a user-level right to <command> covers her own accounts, not another's she may read
      Given "bob" is another salesperson in the same business unit
      And "ana" may read account records at organization level
      And "ana" may write and delete account records at user level
      And an account "Contoso" on the server owned by "bob"
      And "ana" has synced her device and gone offline
      When "ana" runs <command> on the account "Contoso"
      Then the command is refused naming account and <command>
      And nothing waits to sync on "ana"'s device
      And "ana"'s device holds exactly the accounts "Fabrikam" and "Contoso"
      When "ana" runs <command> on the account "Fabrikam"
      Then the command succeeds on the device
      And the change waiting on "ana"'s device is the <command> of the account "Fabrikam"
      When "ana" comes back online and syncs
      Then the server shows the account "Contoso" named "Contoso"
      And "ana" sees no sync errors

      Examples:
        | command |
        | update  |
        | delete  |

    Scenario: Back online without a sync, the device still enforces the privileges of its last sync
      Given "ana" may read, write and create account records at user level
      And "ana" has synced her device and gone offline
      And the administrator lets "ana" delete account records at user level
      And the administrator takes away "ana"'s right to write account records
      When "ana" goes back online
      And "ana" goes offline
      And "ana" runs delete on the account "Fabrikam"
      Then the command is refused naming account and delete
      When "ana" runs update on the account "Fabrikam"
      Then the command succeeds on the device

  @needs:subgrids @needs:forms
  Rule: Offline, a subgrid links records only as far as the privileges of the last sync allow

    Scenario: Offline, Add Existing on a one-to-many subgrid is refused when she may not write the record it would link
      Given "ana" may read and write account records at user level
      And "ana" may read contact records at user level
      And the offline profile for "ana":
        | entity  | records |
        | account | all     |
        | contact | all     |
      And the account form has the subgrids:
        | relationship              | add existing  |
        | contact_customer_accounts | as configured |
      And a contact record "Dana" on the server owned by "ana"
      And "ana" has synced her device and gone offline
      When "ana" adds the existing contact "Dana" to the contact_customer_accounts subgrid of the account "Fabrikam"
      Then the command is refused naming contact and update
      And nothing waits to sync on "ana"'s device
      And on "ana"'s device the contact "Dana" has the parentcustomerid "empty"

  Rule: Offline, a command that makes other records needs the right to create each of them, as of the last sync

    Scenario Outline: Offline, qualifying a lead is refused when she may not create <entity> records, and nothing is made
      Given "ana" may read and write lead records at user level
      And "ana" may read, write and create account records at user level
      And "ana" may read, write and create contact records at user level
      And "ana" may read, write and create opportunity records at user level
      And the administrator takes away "ana"'s right to create <entity> records
      And the offline profile for "ana":
        | entity      | records |
        | lead        | all     |
        | account     | all     |
        | contact     | all     |
        | opportunity | all     |
      And a lead "Contoso deal" from "Contoso" for "Dana Reyes" on the server owned by "ana"
      And "ana" has synced her device and gone offline
      When "ana" runs qualify on the lead "Contoso deal"
      Then it is refused naming <entity>
      And nothing waits to sync on "ana"'s device
      And "ana"'s device holds no opportunity
      And "ana"'s device still holds the lead "Contoso deal" as the server does
      When "ana" comes back online and syncs
      Then the lead "Contoso deal" on the server is still open
      And the server holds no opportunity

      Examples:
        | entity      |
        | account     |
        | contact     |
        | opportunity |

  Rule: After the next sync the device enforces the new privileges

    Scenario: A write privilege taken away stops offline edits after the next sync
      Given "ana" may read, write and create account records at user level
      And "ana" has synced her device
      When the administrator takes away "ana"'s right to write account records
      And "ana" syncs
      And "ana" goes offline
      And "ana" renames the account "Fabrikam" to "Fabrikam Ltd"
      Then the command is refused naming account and update
      And nothing waits to sync on "ana"'s device
      And "ana"'s device shows the account "Fabrikam" named "Fabrikam"

    Scenario: A create privilege taken away stops offline creation after the next sync
      Given "ana" may read, write and create account records at user level
      And "ana" has synced her device
      When the administrator takes away "ana"'s right to create account records
      And "ana" syncs
      And "ana" goes offline
      And "ana" runs create on the account "new"
      Then the command is refused naming account and create
      And nothing waits to sync on "ana"'s device
      And "ana"'s device holds exactly the accounts "Fabrikam"

    Scenario: A profile change and a privilege change published before the same sync both take effect at it
      Given "ana" may read, write and create account records at user level
      And "ana" may read contact records at user level
      And a contact record "Reyes" on the server owned by "ana"
      And "ana" has synced her device
      And the offline profile for "ana":
        | entity  | records |
        | account | all     |
        | contact | all     |
      And the administrator takes away "ana"'s right to write account records
      When "ana" syncs
      And "ana" goes offline
      Then "ana"'s device holds 1 contact records
      When "ana" renames the account "Fabrikam" to "Fabrikam Ltd"
      Then the command is refused naming account and update
      And "ana"'s device shows the account "Fabrikam" named "Fabrikam"
