import { useEffect } from 'react';

/**
 * react-admin 5.15's DataTable row checkbox puts its aria-label ("Select this row") on MUI's wrapper <span>, where
 * ARIA does not allow it, and leaves the <input> itself without a name: screen readers announce an unnamed checkbox
 * (axe: "label", critical). Until react-admin passes the label to the input, this moves it there, for every list.
 */
export function useRowCheckboxLabels() {
  useEffect(() => {
    const fix = () => {
      for (const wrapper of document.querySelectorAll<HTMLElement>('.select-item[aria-label]')) {
        const input = wrapper.querySelector('input');
        if (!input) continue;
        input.setAttribute('aria-label', wrapper.getAttribute('aria-label')!);
        wrapper.removeAttribute('aria-label');
      }
    };
    fix();
    const observer = new MutationObserver(fix);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
    return () => observer.disconnect();
  }, []);
}
