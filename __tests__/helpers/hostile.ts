/** A finished job whose every server string tries to break out of its place in the summary. */
export function hostileJob(): Record<string, unknown> {
  const evil = '</table><script>alert(1)</script> a|b `code` *bold* _x_ [link](http://e.vil) <details><summary>x'
  return {
    progress: 100,
    status: 'INCOMPLETE</td>',
    results: [
      {
        messageParameters: '</table><img src=x onerror=alert(1)>',
        uuid: 'a|b|c',
        result: 'OTHER_FAIL|`x`',
        resultShortDescription: evil,
        resultLongDescription: `line one\nline two\n\n| injected | row |\n|---|---|\n# heading`,
        progress: 'JOB_DONE',
        time_spent: 1000,
        status: {
          state: 'Stopped_With_Error',
          substatus: [
            {
              id: 'LOGIN',
              shortDescription: '<b>Login</b> ||',
              longDescription: '</details></li></ul>',
              userAction: 'Run `rm -rf /` \n- [x] not a task\n<!-- comment -->',
              status: { state: 'Stopped_With_Error<br>' }
            }
          ]
        }
      },
      { messageParameters: 'ok-device', result: 'SUCCESS', progress: 'JOB_DONE' }
    ]
  }
}
