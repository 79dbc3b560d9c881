// Testing Library waits 1 s by default for findBy/waitFor: on two loaded cores a profile fetch and
// its schema check took longer and failed tests by load alone. A missing element still fails.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 15_000 });
