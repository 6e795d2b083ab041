@needs:timeline
@claim:CAP-TL
Feature: Notes on the timeline work offline
  Offline, a user reads the notes on a record, adds notes, attaches files and photos taken with the
  camera, and removes attachments again. All of it happens on the device and reaches the server at the
  next sync, where colleagues see it byte for byte. The notes and files of a record the device does
  not hold never reach it, and offline no note can be added to such a record.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ben" is a salesperson too
    And "ana" has every entity of the table in her offline profile
    And a account record "Fabrikam" on the server owned by "ana"

  Scenario: A note added offline is on the timeline at once and on the server after the next sync
    Given "ana" has synced her device and gone offline
    When "ana" adds the note "The boiler room is in the basement" to the account "Fabrikam"
    Then "ana" sees the note "The boiler room is in the basement" on the account "Fabrikam"
    And 1 changes wait to sync on "ana"'s device
    When "ana" comes back online and syncs
    Then nothing waits to sync on "ana"'s device
    And "ben" sees the note "The boiler room is in the basement" on the account "Fabrikam"

  Scenario: A note added offline stays on the device through the sync that uploads it and the next
    Given "ana" has synced her device and gone offline
    And "ana" has added the note "Meter reading" to the account "Fabrikam"
    When "ana" comes back online and syncs
    Then "ana"'s device holds the note "Meter reading"
    When "ana" syncs
    Then "ana"'s device holds the note "Meter reading"
    When "ana" goes offline
    Then "ana" sees the note "Meter reading" on the account "Fabrikam"

  Scenario: The notes of a record that leaves the device leave with it at the next sync
    Given a account record "Contoso" on the server owned by "ben"
    And "ben" has added the note "Gate code 4711" to the account "Contoso"
    And "ben" has added the note "Boiler in the basement" to the account "Fabrikam"
    And a profile "field sales" for "ana"
    And in the profile account downloads records where name ne "Closed"
    And the administrator has published the profile
    And "ana" has synced her device
    Then "ana"'s device holds the note "Gate code 4711"
    When the administrator sets the name of the account "Contoso" to "Closed"
    And "ana" syncs
    Then "ana"'s device holds no note or file of the account "Contoso"
    And "ana"'s device holds the note "Boiler in the basement"

  Scenario: Files and camera photos are attached and removed offline, and the server ends up with what is left
    Given "ana" has synced her device and gone offline
    And "ana" has added the note "Meter reading" to the account "Fabrikam"
    When "ana" attaches the file "floorplan.pdf" to the note "Meter reading"
    And "ana" attaches the photo "meter.jpg" to the note "Meter reading"
    Then "ana" sees the file "floorplan.pdf" on the note "Meter reading" of the account "Fabrikam"
    When "ana" removes the file "floorplan.pdf" from the note "Meter reading"
    Then "ana" sees the photo "meter.jpg" on the note "Meter reading" of the account "Fabrikam"
    And "ana" sees no file "floorplan.pdf" on the note "Meter reading" of the account "Fabrikam"
    When "ana" comes back online and syncs
    Then "ben" sees the photo "meter.jpg" on the note "Meter reading" of the account "Fabrikam"
    And "ben" sees no file "floorplan.pdf" on the note "Meter reading" of the account "Fabrikam"

  Scenario: Notes and files made online are on the device after a sync and can be read offline
    Given "ben" has added the note "Gate code 4711" to the account "Fabrikam"
    And "ben" has attached the photo "gate.jpg" to the note "Gate code 4711"
    And "ana" has synced her device and gone offline
    Then "ana" sees the note "Gate code 4711" on the account "Fabrikam"
    And "ana" sees the photo "gate.jpg" on the note "Gate code 4711" of the account "Fabrikam"

  Scenario: A file removed offline from a note made online is gone from the server after the sync
    Given "ben" has added the note "Gate code 4711" to the account "Fabrikam"
    And "ben" has attached the file "directions.txt" to the note "Gate code 4711"
    And "ana" has synced her device and gone offline
    Then "ana" sees the file "directions.txt" on the note "Gate code 4711" of the account "Fabrikam"
    When "ana" removes the file "directions.txt" from the note "Gate code 4711"
    Then "ana" sees no file "directions.txt" on the note "Gate code 4711" of the account "Fabrikam"
    When "ana" comes back online and syncs
    Then "ben" sees no file "directions.txt" on the note "Gate code 4711" of the account "Fabrikam"

  Scenario: The notes of a record the device does not hold stay off it, however many records the device holds
    Given accounts "Contoso", "Litware", "Adatum", "Tailspin" owned by "ana"
    And a account record "theirs" on the server owned by "ben"
    And "ben" has added the note "Renewal at risk" to the account "theirs"
    And "ben" has added the note "Gate code 4711" to the account "Fabrikam"
    And a profile "field sales" for "ana"
    And in the profile account downloads my records
    And the administrator has published the profile
    And "ana" has synced her device
    Then "ana"'s device holds the note "Gate code 4711"
    And "ana"'s device holds no note or file of the account "theirs"

  Scenario Outline: A note on a record the device does not hold stays off it, even when that record shares its id with one it holds (other accounts: <others>)
    Given accounts <others> owned by "ana"
    And an account "Twin" owned by "ana" last modified 1 days ago
    And a contact "Twin" owned by "ben" last modified 1 days ago
    And "ben" has added the note "Birthday on Friday" to the contact "Twin"
    And "ben" has added the note "Gate code 4711" to the account "Fabrikam"
    And a profile "field sales" for "ana"
    And in the profile account downloads my records
    And the administrator has published the profile
    And "ana" has synced her device
    Then "ana"'s device holds the note "Gate code 4711"
    And "ana"'s device holds no note or file of the contact "Twin"

    Examples: fewer records held than notes on the server, and more
      | others                |
      | nobody                |
      | "Contoso", "Litware"  |

  Scenario Outline: The timeline of a <entity> the device does not hold stays off it, and no note is added to it offline
    Given a <entity> record "theirs" on the server owned by "ben"
    And "ben" has added the note "Renewal at risk" to the <entity> "theirs"
    And "ben" has attached the file "contract.pdf" to the note "Renewal at risk"
    And "ben" has added the note "Gate code 4711" to the account "Fabrikam"
    And a profile "field sales" for "ana"
    And in the profile account downloads my records
    And the administrator has published the profile
    And "ana" has synced her device and gone offline
    Then "ana" sees the note "Gate code 4711" on the account "Fabrikam"
    And "ana"'s device holds no note or file of the <entity> "theirs"
    When "ana" adds the note "Called them" to the <entity> "theirs"
    Then it is refused naming <entity>
    And nothing waits to sync on "ana"'s device
    And "ana"'s device holds no note or file of the <entity> "theirs"
    When "ana" comes back online and syncs
    Then "ana"'s device holds no note or file of the <entity> "theirs"
    And "ben" sees only the note "Renewal at risk" on the <entity> "theirs"

    Examples: a record the profile's rules leave out, and an entity outside the table
      | entity  |
      | account |
      | quote   |
