@needs:profiles @needs:organization
Feature: Profile rules judge a record changed between two syncs as they judge a new one
  A sync after the first does not start over: it looks again at the records changed on the server
  since. Each rule must judge a changed record exactly as it judged it the first time: a record
  the rule still admits stays and shows its change, a record changed out of the rule leaves, and a
  record changed into it arrives.

  Background:
    Given an organization where "ana" is a salesperson
    And "bob" is another salesperson in the same business unit
    And "ana" may do everything to every entity
    And "bob" may do everything to every entity
    And the business units:
      | business unit | parent      |
      | South         | Head office |
    And the users:
      | user | business unit | manager |
      | sam  | South         |         |
    And "ana" and "bob" are on the team "North"
    And the team "South sales" in "South" with "ana" and "sam"
    And a profile "Field sales" for "ana"

  @claim:FLT-R3
  Rule: a record the user's, her teams' or her business unit's rule admits stays when it changes

    Scenario Outline: an account owned by <owner> that <rule> admits stays when it is renamed, with its new name
      Given in the profile account downloads <rule>
      And accounts "Deal" owned by "<owner>"
      And accounts "Elsewhere" owned by "sam"
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator sets the name of the account "Deal" to "Deal, renamed"
      And the administrator sets the name of the account "Elsewhere" to "Elsewhere, renamed"
      Then after syncing "ana"'s device holds exactly the account records "Deal"
      And "ana"'s device holds the account "Deal" with name "Deal, renamed"

      Examples:
        | rule                       | owner       |
        | my records                 | ana         |
        | my team's records          | North       |
        | my team's records          | South sales |
        | my business unit's records | bob         |
        | my business unit's records | North       |

  @claim:FLT-R4
  Rule: a custom filter judges a changed record by its new values

    Example: an account renamed out of a custom filter leaves, and one renamed into it arrives
      Given in the profile account downloads records where name begins-with "F"
      And accounts "Fabrikam", "Contoso" owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      Then "ana"'s device holds exactly the accounts "Fabrikam"
      When the administrator sets the name of the account "Fabrikam" to "Adatum"
      And the administrator sets the name of the account "Contoso" to "Fourth Coffee"
      Then after syncing "ana"'s device holds exactly the account records "Contoso"
      And "ana"'s device holds the account "Contoso" with name "Fourth Coffee"

    Example: once a new org data filter has been applied, a record renamed out of a custom filter still leaves
      Given in the profile account downloads records where name begins-with "F"
      And accounts "Fabrikam", "Fourth Coffee" owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator sets the org data filter of account to the last 30 days
      And "ana" syncs
      And the administrator sets the name of the account "Fabrikam" to "Adatum"
      Then after syncing "ana"'s device holds exactly the account records "Fourth Coffee"

    Example: a custom filter judges a changed record even when another entity's org data filter changed meanwhile
      Given in the profile account downloads all records
      And in the profile contact downloads records where lastname begins-with "R"
      And accounts "Fabrikam" owned by "bob"
      And contacts "Reyes", "Ruiz" owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator sets the org data filter of account to the last 30 days
      And the administrator sets the lastname of the contact "Reyes" to "Lund"
      Then after syncing "ana"'s device holds exactly the contact records "Ruiz"
      And "ana"'s device holds exactly the accounts "Fabrikam"

  @claim:FLT-R2
  Rule: an entity with rules of its own and an association bringing more judges a changed record by both

    Example: a contact changed into its own rule arrives, and one changed out of it stays while its account brings it
      Given in the profile account downloads my records
      And in the profile contact downloads records where lastname begins-with "R"
      And in the profile account brings its related records through "contact_customer_accounts"
      And accounts "Litware" owned by "ana"
      And accounts "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And a contact "Okafor" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And a contact "Ruiz" whose parentcustomerid is the account "Litware", owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      Then after syncing "ana"'s device holds exactly the contact records "Reyes", "Ruiz"
      When the administrator sets the lastname of the contact "Okafor" to "Rasmussen"
      And the administrator sets the lastname of the contact "Ruiz" to "Lund"
      And the administrator sets the lastname of the contact "Reyes" to "Lund"
      Then after syncing "ana"'s device holds exactly the contact records "Okafor", "Ruiz"

    Example: an opportunity brought through a contact an account brings stays when the account changes in the same interval
      Given in the profile account downloads all records
      And in the profile contact downloads only related data
      And in the profile opportunity downloads my records
      And in the profile incident downloads my records
      And in the profile account brings its related records through "contact_customer_accounts"
      And in the profile contact brings its related records through "opportunity_parent_contact"
      And in the profile incident brings its related records through "incident_customer_accounts"
      And accounts "Litware" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "bob"
      And an opportunity "Upgrade" whose parentcontactid is the contact "Reyes", owned by "bob"
      And opportunities "Renewal" owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator sets the name of the opportunity "Renewal" to "Renewal 2027"
      And the administrator sets the name of the account "Litware" to "Litware Ltd"
      Then after syncing "ana"'s device holds exactly the opportunity records "Upgrade"
      And "ana"'s device holds 1 contact records
      And "ana"'s device holds exactly the accounts "Litware Ltd"

  @claim:FLT-R2 @needs:timeline
  Rule: the notes on a record an association brings stay while it stays, whatever else changed around it

    Example: a note on a contact an account brings stays when the account changes and gets a new note in the same interval
      Given in the profile account downloads all records
      And in the profile contact downloads only related data
      And in the profile opportunity downloads my records
      And in the profile account brings its related records through "contact_customer_accounts"
      And in the profile opportunity brings its related records through "opportunity_customer_accounts"
      And accounts "Litware" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "bob"
      And "bob" has added the note "Gate code 4711" to the contact "Reyes"
      And the administrator has published the profile
      And "ana" has synced her device
      And "bob" has added the note "Renewal at risk" to the account "Litware"
      When the administrator sets the name of the account "Litware" to "Litware, renamed"
      Then after syncing "ana"'s device holds exactly the contact records "Reyes"
      And "ana"'s device holds the note "Gate code 4711"
      And "ana"'s device holds the note "Renewal at risk"
      And "ana"'s device holds the account "Litware" with name "Litware, renamed"

  @claim:FLT-R1
  Rule: a profile changed between two syncs applies at the next, to the entities it adds as to those it keeps

    Example: an entity added to the profile with all records brings them at the next sync
      Given in the profile account downloads all records
      And accounts "Fabrikam" owned by "bob"
      And contacts "Reyes", "Okafor" owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      And in the profile contact downloads all records
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the contact records "Reyes", "Okafor"
      And "ana"'s device holds exactly the accounts "Fabrikam"

    Example: a rule changed between two syncs applies at the next, to the records held and to the others
      Given in the profile account downloads my records
      And accounts "Mine" owned by "ana"
      And accounts "Bob's" owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      And a profile "Field sales" for "ana"
      And in the profile account downloads all records
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Mine", "Bob's"

    Example: an entity added with an association brings its related records at the next sync, with a rename made meanwhile
      Given in the profile account downloads all records
      And accounts "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And contacts "Okafor" owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      When the administrator publishes the profile
      And the administrator sets the name of the account "Fabrikam" to "Fabrikam Ltd"
      Then after syncing "ana"'s device holds exactly the contact records "Reyes"
      And "ana"'s device holds exactly the accounts "Fabrikam Ltd"

    Example: an entity taken out of the profile takes its records off the device at the next sync
      Given in the profile account downloads all records
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And accounts "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      And a profile "Field sales" for "ana"
      And in the profile account downloads all records
      When the administrator publishes the profile
      Then "ana"'s device holds 1 contact records
      And after syncing "ana"'s device holds 0 contact records
      And "ana"'s device holds exactly the accounts "Fabrikam"

  @claim:ENT-02
  Rule: activities reach the device through Activity Pointer, on later syncs as on the first

    Example: an activity created on the server between two syncs arrives through Activity Pointer, and one deleted leaves
      Given the offline profile for "ana":
        | entity          | records |
        | activitypointer | all     |
      And a phonecall record "Call back" on the server owned by "ana"
      And a task record "Send offer" on the server owned by "ana"
      And "ana" has synced her device
      Then "ana"'s device holds 2 activitypointer records
      When the administrator creates a appointment record "Site visit" owned by "ana"
      And the administrator deletes the task "Send offer"
      Then after syncing "ana"'s device holds exactly the activitypointer records "Call back", "Site visit"

  @claim:FLT-R4
  Rule: a changed record is judged again at a sync where the 10-day window also moves past older records

    Example: an account renamed out of a custom filter leaves while another near the 10-day boundary stays
      Given in the profile account downloads records where name begins-with "F"
      And an account "Fabrikam" owned by "bob" last modified 1 days ago
      And an account "Fiji" owned by "bob" last modified 9.9 days ago
      And the administrator has published the profile
      And "ana" has synced her device
      Then "ana"'s device holds exactly the accounts "Fabrikam" and "Fiji"
      When the administrator sets the name of the account "Fabrikam" to "Adatum"
      Then after syncing "ana"'s device holds exactly the account records "Fiji"

  @claim:FLT-R2
  Rule: an association added to an entity that another association already fills brings its records at the next sync

    Example: a second association bringing accounts, added between two syncs, brings its accounts at the next
      Given in the profile account downloads only related data
      And in the profile contact downloads all records
      And in the profile opportunity downloads all records
      And in the profile contact brings its related records through "contact_customer_accounts"
      And accounts "Fabrikam", "Litware" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And an opportunity "Upgrade" whose customerid is the account "Litware", owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      Then "ana"'s device holds exactly the accounts "Fabrikam"
      Given in the profile opportunity brings its related records through "opportunity_customer_accounts"
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Fabrikam", "Litware"

  @claim:FLT-R1
  Rule: an entity taken out of a profile leaves the device at the next sync, with or without associations

    Example: an entity taken out of a profile with no associations takes its records off the device at the next sync
      Given in the profile account downloads all records
      And in the profile contact downloads all records
      And accounts "Fabrikam" owned by "bob"
      And contacts "Reyes", "Okafor" owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      Then "ana"'s device holds exactly the contact records "Reyes", "Okafor"
      Given a profile "Field sales" for "ana"
      And in the profile account downloads all records
      When the administrator publishes the profile
      Then "ana"'s device holds 2 contact records
      And after syncing "ana"'s device holds 0 contact records
      And "ana"'s device holds exactly the accounts "Fabrikam"

  @claim:FLT-R0
  Rule: an entity left with no rule between two syncs empties at the next, records an association brought included

    Example: a contact an account brought leaves with the contact's own once contact has no rule
      Given in the profile account downloads all records
      And in the profile contact downloads my records
      And in the profile account brings its related records through "contact_customer_accounts"
      And accounts "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And contacts "Okafor" owned by "ana"
      And the administrator has published the profile
      And "ana" has synced her device
      Then "ana"'s device holds exactly the contact records "Reyes", "Okafor"
      Given a profile "Field sales" for "ana"
      And in the profile account downloads all records
      And in the profile contact has no rule
      And in the profile account brings its related records through "contact_customer_accounts"
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the contact records nobody
      And "ana"'s device holds exactly the accounts "Fabrikam"

  @claim:FLT-R1 @needs:faults
  Rule: an entity added to a profile comes down with the next complete cycle, even after a cycle that dropped

    Example: contacts added to the profile arrive with the sync after one whose download drops
      Given in the profile account downloads all records
      And accounts "Fabrikam" owned by "bob"
      And contacts "Reyes", "Okafor" owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      Given a profile "Field sales" for "ana"
      And in the profile account downloads all records
      And in the profile contact downloads all records
      And the administrator has published the profile
      And the connection of "ana"'s device will drop during the download
      When "ana" syncs
      Then the sync stopped during the download
      And "ana"'s device holds 0 contact records
      And after syncing "ana"'s device holds exactly the contact records "Reyes", "Okafor"
