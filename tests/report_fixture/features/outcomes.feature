@fixture
Feature: Outcomes a reviewer must tell apart
  Each scenario of this fixture ends with a different status.

  Background:
    Given a device that has synced

  @claim:ENT-01
  Scenario: Every step holds
    When "ana" creates an account "Contoso"
    Then the device holds 1 record

  @claim:ENT-05
  Scenario: A check does not hold
    When "ana" creates an account "Contoso"
    Then the device holds 2 records
    And nothing waits to sync

  @claim:CAP-TL
  Scenario: The implementation lacks a capability
    When "ana" adds a note to "Contoso"
    Then the device holds 1 record

  @claim:CAP-VW
  Scenario: A step nobody defined
    When "ana" opens a personal view
    Then the device holds 1 record

  @claim:REL-ID
  Scenario: The implementation breaks
    When the implementation's sync breaks
    Then the device holds 1 record

  @claim:SYN-3
  Scenario: The harness breaks
    When the harness trips over its own bug
