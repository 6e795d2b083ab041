@needs:profiles
@claim:FLT-R2
Feature: Records an association brings follow their relation from sync to sync
  An association of the profile brings the records related to what the device already holds, whichever
  side holds the lookup. A related record stays on the device while something it is related to stays,
  and shows the server's changes; it leaves when its relation moves to a record the device does not
  hold, and the record it moves to comes in its place.

  Background:
    Given an organization where "ana" is a salesperson
    And "bob" is another salesperson in the same business unit
    And "ana" may do everything to every entity
    And "bob" may do everything to every entity
    And a profile "Field sales" for "ana"

  Rule: an association brings the record a lookup names, seen from the side holding the lookup

    Example: a contact brings the account it names, not the accounts of other contacts
      Given in the profile contact downloads my records
      And in the profile account downloads only related data
      And in the profile contact brings its related records through "contact_customer_accounts"
      And accounts "Litware", "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "ana"
      And a contact "Okafor" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Litware"
      And after syncing "ana"'s device holds exactly the contact records "Reyes"

    Scenario Outline: an account brings both the contact it names and the contacts that name it (<first> first)
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "<first>"
      And in the profile account brings its related records through "<second>"
      And accounts "Litware" owned by "ana"
      And contacts "Dana", "Okafor" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "bob"
      And the primarycontactid of the account "Litware" on the server is the contact "Dana"
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the contact records "Dana", "Reyes"

      Examples:
        | first                     | second                    |
        | account_primary_contact   | contact_customer_accounts |
        | contact_customer_accounts | account_primary_contact   |

  Rule: a related record stays while its relation holds, and shows what changed on the server

    Example: a contact brought by its account stays when it changes, with its change
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And accounts "Litware" owned by "ana"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator sets the lastname of the contact "Reyes" to "Reyes-Lund"
      Then after syncing "ana"'s device holds exactly the contact records "Reyes"
      And "ana"'s device holds the contact "Reyes" with lastname "Reyes-Lund"

    Example: an account brought by the contact that names it stays when it changes, with its change
      Given in the profile contact downloads my records
      And in the profile account downloads only related data
      And in the profile contact brings its related records through "contact_customer_accounts"
      And accounts "Litware" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "ana"
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator sets the name of the account "Litware" to "Litware Nord"
      Then after syncing "ana"'s device holds exactly the account records "Litware"
      And "ana"'s device holds the account "Litware" with name "Litware Nord"

  @needs:subgrids
  Rule: a record linked through a many-to-many association stays while linked, and shows what changed on the server

    Example: a competitor linked to an account stays when it changes, with its change
      Given in the profile account downloads my records
      And in the profile competitor downloads only related data
      And in the profile account brings its related records through "account_competitors"
      And accounts "Litware" owned by "ana"
      And a competitor "Northwind" on the server
      And the account "Litware" is linked with the competitor "Northwind" through account_competitors
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator sets the name of the competitor "Northwind" to "Northwind Marine"
      Then after syncing "ana"'s device holds exactly the competitor records "Northwind"
      And "ana"'s device holds the competitor "Northwind" with name "Northwind Marine"

  Rule: when a relation moves, the record it leaves goes and the record it reaches comes

    Example: a contact moved from a held account to one the device does not hold leaves, and one moved in arrives
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And accounts "Litware" owned by "ana"
      And accounts "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "bob"
      And a contact "Okafor" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator points the parentcustomerid of the contact "Reyes" to the account "Fabrikam"
      And the administrator points the parentcustomerid of the contact "Okafor" to the account "Litware"
      Then after syncing "ana"'s device holds exactly the contact records "Okafor"
      And "ana"'s device holds exactly the accounts "Litware"

    Example: a contact that names another account brings that account, and the one it named leaves
      Given in the profile contact downloads my records
      And in the profile account downloads only related data
      And in the profile contact brings its related records through "contact_customer_accounts"
      And accounts "Litware", "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "ana"
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator points the parentcustomerid of the contact "Reyes" to the account "Fabrikam"
      Then after syncing "ana"'s device holds exactly the account records "Fabrikam"
      And after syncing "ana"'s device holds exactly the contact records "Reyes"

    Example: a contact deleted on the server takes the account it brought off the device
      Given in the profile contact downloads my records
      And in the profile account downloads only related data
      And in the profile contact brings its related records through "contact_customer_accounts"
      And accounts "Litware", "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "ana"
      And a contact "Okafor" whose parentcustomerid is the account "Fabrikam", owned by "ana"
      And the administrator has published the profile
      And "ana" has synced her device
      When the administrator deletes the contact "Reyes"
      Then after syncing "ana"'s device holds exactly the account records "Fabrikam"
      And after syncing "ana"'s device holds exactly the contact records "Okafor"

  @needs:subgrids @needs:entities
  Rule: an entity reached through a lookup and through a many-to-many association gets the records of both

    Scenario Outline: an account brings the contact it names and the contacts linked to it (<first> first)
      Given the many-to-many relationship "account_contacts" links account with contact
      And in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "<first>"
      And in the profile account brings its related records through "<second>"
      And accounts "Litware" owned by "ana"
      And contacts "Dana", "Okafor", "Lund" owned by "bob"
      And the primarycontactid of the account "Litware" on the server is the contact "Dana"
      And the account "Litware" is linked with the contact "Okafor" through account_contacts
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the contact records "Dana", "Okafor"

      Examples:
        | first                   | second                  |
        | account_primary_contact | account_contacts        |
        | account_contacts        | account_primary_contact |

  Rule: what an association brings does not depend on the order in which the profile names its entities

    Scenario Outline: a contact brings the account it names whichever entity the profile names first (<first> first)
      Given in the profile <first>
      And in the profile <second>
      And in the profile contact brings its related records through "contact_customer_accounts"
      And accounts "Litware", "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "ana"
      When the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the account records "Litware"
      And after syncing "ana"'s device holds exactly the contact records "Reyes"

      Examples:
        | first                                | second                               |
        | account downloads only related data  | contact downloads my records         |
        | contact downloads my records         | account downloads only related data  |

  @needs:subgrids
  Rule: a many-to-many link whose other end is outside the profile brings nothing

    Scenario Outline: a <held> linked to a <other> comes down alone when <other> records are not in the profile
      Given in the profile <held> downloads all records
      And a product "Pump X200" on the server
      And a competitor "Northwind" on the server
      And the competitor "Northwind" is linked with the product "Pump X200" through competitor_products
      And the administrator has published the profile
      When "ana" syncs
      Then "ana"'s device holds exactly the <held> records "<name>"
      And "ana"'s device holds 0 <other> records

      Examples:
        | held       | name      | other      |
        | product    | Pump X200 | competitor |
        | competitor | Northwind | product    |
