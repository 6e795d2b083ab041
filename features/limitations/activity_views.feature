@needs:views @needs:forms
@claim:LIM-VW1
Feature: Nine activity types have no views offline
  Email, task, fax, letter, service appointment, campaign response, campaign activity, recurring
  appointment master and social activity have no views offline: none is listed and none opens. Their
  records still reach the device (email and task as themselves, the others as activities) and open
  from the record they are about. Online, their views work as usual, back online without a sync too. The
  other activity types, appointment and phone call, and the activities seen together through Activity
  Pointer keep their views offline.

  Background:
    Given an organization where "ana" is a salesperson
    And "ana" may do everything to every entity
    And "ana" has every entity of the table in her offline profile

  Scenario Outline: The views of <entity> work online and are gone offline
    Given the <entity> entity has a system view "All of <entity>"
    And a <entity> record "visit" on the server owned by "ana"
    And "ana" has synced her device
    Then "ana" can pick the view "All of <entity>" of <entity>
    And the view "All of <entity>" of <entity> shows "visit" to "ana"
    When "ana" goes offline
    Then "ana" can pick no view of <entity>
    When "ana" opens the view "All of <entity>" of <entity>
    Then it is refused naming <entity>
    And the refusal states its limit
    When "ana" goes back online
    Then the view "All of <entity>" of <entity> shows "visit" to "ana"

    Examples:
      | entity                     |
      | email                      |
      | task                       |
      | fax                        |
      | letter                     |
      | serviceappointment         |
      | campaignresponse           |
      | campaignactivity           |
      | recurringappointmentmaster |
      | socialactivity             |

  Scenario Outline: A <entity> stays on the device and opens from the account it is about
    Given a account record "Fabrikam" on the server owned by "ana"
    And a <entity> activity "visit" regarding the account "Fabrikam" on the server owned by "ana"
    And "ana" has synced her device and gone offline
    Then "ana" can open the activity "visit" from the account "Fabrikam"

    Examples:
      | entity                     |
      | email                      |
      | task                       |
      | fax                        |
      | letter                     |
      | serviceappointment         |
      | campaignresponse           |
      | campaignactivity           |
      | recurringappointmentmaster |
      | socialactivity             |

  Scenario Outline: The views of <entity>, an activity outside the nine, work online and offline
    Given the <entity> entity has a system view "All of <entity>"
    And a <entity> record "visit" on the server owned by "ana"
    And "ana" has synced her device
    Then the view "All of <entity>" of <entity> shows "visit" to "ana"
    When "ana" goes offline
    Then "ana" can pick the view "All of <entity>" of <entity>
    And the view "All of <entity>" of <entity> shows "visit" to "ana"

    Examples:
      | entity          |
      | appointment     |
      | phonecall       |
      | activitypointer |
