@needs:timeline @needs:profiles
@claim:CAP-TL
Feature: The notes of a record that leaves the device leave with it, whatever else left in the same interval
  A record that stops passing the profile's rules leaves the device at the next sync, and its notes
  and files leave with it: the device never holds a note of a record it does not hold. This holds when
  records of several entities leave in the same interval, each with or without notes of its own.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ben" is a salesperson too

  Rule: the notes of every record that leaves go with it, even when a record of another entity leaves too

    Example: an account and a contact leave in the same interval: the account's note leaves with it
      Given a account record "Contoso" on the server owned by "ben"
      And a account record "Fabrikam" on the server owned by "ben"
      And a contact record "Reyes" on the server owned by "ben"
      And "ben" has added the note "Gate code 4711" to the account "Contoso"
      And "ben" has added the note "Boiler in the basement" to the account "Fabrikam"
      And a profile "field sales" for "ana"
      And in the profile account downloads records where name ne "Closed"
      And in the profile contact downloads records where lastname ne "Closed"
      And the administrator has published the profile
      And "ana" has synced her device
      Then "ana"'s device holds the note "Gate code 4711"
      When the administrator sets the name of the account "Contoso" to "Closed"
      And the administrator sets the lastname of the contact "Reyes" to "Closed"
      And "ana" syncs
      Then "ana"'s device holds exactly the contact records nobody
      And "ana"'s device holds no note or file of the account "Contoso"
      And "ana"'s device holds the note "Boiler in the basement"
