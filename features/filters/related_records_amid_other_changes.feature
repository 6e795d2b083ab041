@needs:profiles @needs:timeline
@claim:FLT-R2
Feature: A relation that moves between two syncs is followed whatever else changed in the interval
  A sync after the first looks again only at what changed since. When a record's relation moves, the
  record it leaves must go and the record it reaches must come, however many unrelated records (a note
  on a record the device does not hold, a record no rule admits) changed on the server in the same
  interval.

  Background:
    Given an organization where "ana" is a salesperson
    And "bob" is another salesperson in the same business unit
    And "ana" may do everything to every entity
    And "bob" may do everything to every entity
    And a profile "Field sales" for "ana"

  Rule: the account a contact no longer names leaves even when a note the device does not hold changed meanwhile

    Example: a contact that names another account brings it, and the one it named leaves, beside a new note on an account the device does not hold
      Given in the profile contact downloads my records
      And in the profile account downloads only related data
      And in the profile contact brings its related records through "contact_customer_accounts"
      And accounts "Litware", "Fabrikam", "Contoso" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Litware", owned by "ana"
      And the administrator has published the profile
      And "ana" has synced her device
      When "bob" adds the note "Gate code 4711" to the account "Contoso"
      And the administrator points the parentcustomerid of the contact "Reyes" to the account "Fabrikam"
      Then after syncing "ana"'s device holds exactly the account records "Fabrikam"
      And "ana"'s device does not hold the note "Gate code 4711"

  Rule: a contact moved to an account the device does not hold leaves even when another held account leaves meanwhile

    Example: a contact re-pointed away leaves in the same interval as a held account and the contacts it brought
      Given in the profile account downloads records where name ne "Closed"
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And accounts "Fabrikam", "Contoso", "Closed" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And a contact "Dana" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And a contact "Okafor" whose parentcustomerid is the account "Contoso", owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      Then "ana"'s device holds exactly the contact records "Reyes", "Dana", "Okafor"
      When the administrator sets the name of the account "Contoso" to "Closed"
      And the administrator points the parentcustomerid of the contact "Reyes" to the account "Closed"
      Then after syncing "ana"'s device holds exactly the account records "Fabrikam"
      And "ana"'s device holds exactly the contact records "Dana"

  Rule: a record a changed rule brings in brings its related records, even when another record of its entity changed meanwhile

    Example: a rule widened between two syncs brings a contact and the account it names, beside a rename of a contact already held
      Given in the profile contact downloads records where lastname eq "Reyes"
      And in the profile account downloads only related data
      And in the profile contact brings its related records through "contact_customer_accounts"
      And accounts "Litware", "Fabrikam" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Fabrikam", owned by "ana"
      And a contact "Okafor" whose parentcustomerid is the account "Litware", owned by "ana"
      And the administrator has published the profile
      And "ana" has synced her device
      And a profile "Field sales" for "ana"
      And in the profile contact downloads my records
      And in the profile account downloads only related data
      And in the profile contact brings its related records through "contact_customer_accounts"
      When the administrator sets the lastname of the contact "Reyes" to "Reyes-Lund"
      And the administrator publishes the profile
      Then after syncing "ana"'s device holds exactly the contact records "Reyes", "Okafor"
      And "ana"'s device holds exactly the account records "Fabrikam", "Litware"

  Rule: a record that comes into its rule between two syncs brings its related records at the next

    Example: an account renamed into the profile's filter brings the contact that names it
      Given in the profile account downloads records where name ne "Closed"
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And accounts "Fabrikam", "Closed" owned by "bob"
      And a contact "Reyes" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And a contact "Okafor" whose parentcustomerid is the account "Closed", owned by "bob"
      And the administrator has published the profile
      And "ana" has synced her device
      Then "ana"'s device holds exactly the contact records "Reyes"
      When the administrator sets the name of the account "Closed" to "Reopened"
      Then after syncing "ana"'s device holds exactly the account records "Fabrikam", "Closed"
      And "ana"'s device holds exactly the contact records "Reyes", "Okafor"

  Rule: a record an association brings between two syncs brings its own notes with it

    Example: a contact re-pointed to a held account arrives with the note on it
      Given in the profile account downloads my records
      And in the profile contact downloads only related data
      And in the profile account brings its related records through "contact_customer_accounts"
      And accounts "Litware" owned by "ana"
      And accounts "Fabrikam" owned by "bob"
      And a contact "Okafor" whose parentcustomerid is the account "Fabrikam", owned by "bob"
      And "bob" has added the note "Okafor's birthday" to the contact "Okafor"
      And the administrator has published the profile
      And "ana" has synced her device
      Then "ana"'s device does not hold the note "Okafor's birthday"
      When the administrator points the parentcustomerid of the contact "Okafor" to the account "Litware"
      Then after syncing "ana"'s device holds exactly the contact records "Okafor"
      And "ana"'s device holds the note "Okafor's birthday"
