/** The tasks feature's public surface: what other features and the app may import. */
export { MyTasks, tasksKey } from './MyTasks'
export { PagedTasks } from './PagedTasks'
export { TasksScreen } from './TasksScreen'
